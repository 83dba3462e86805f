"""Uploads go to local files by default or to an S3-compatible bucket when configured."""

import pytest

from tests.actlocal.test_settings_deploy import manage, production_env

SHOW_STORAGE = "; ".join(
    [
        "from django.conf import settings",
        "from django.core.files.storage import storages",
        "s = storages['default']",
        "print(type(s).__name__, getattr(s, 'bucket_name', ''), getattr(s, 'endpoint_url', ''),"
        " getattr(s, 'default_acl', ''), settings.TOOLKIT_UPLOAD_MAX_BYTES)",
    ]
)


def test_local_files_and_25_mb_by_default():
    result = manage("shell", "-c", SHOW_STORAGE, env=production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "FileSystemStorage",
        str(25 * 1024 * 1024),
    ]


def test_s3_bucket_from_the_environment_stays_private():
    env = production_env(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="toolkit-files",
        AWS_S3_ENDPOINT_URL="https://minio.example.org",
        TOOLKIT_UPLOAD_MAX_BYTES="1000",
    )
    result = manage("shell", "-c", SHOW_STORAGE, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "S3Storage",
        "toolkit-files",
        "https://minio.example.org",
        "private",
        "1000",
    ]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"MEDIA_STORAGE": "s3"}, "AWS_STORAGE_BUCKET_NAME"),
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE"),
        ({"TOOLKIT_UPLOAD_MAX_BYTES": "lots"}, "TOOLKIT_UPLOAD_MAX_BYTES"),
    ],
)
def test_bad_storage_settings_stop_startup_with_their_name(env, message):
    result = manage("check", env=production_env(**env))
    assert result.returncode != 0
    assert message in result.stderr
