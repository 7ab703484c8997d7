import subprocess
import sys

from django.conf import settings


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    script = settings.BASE_DIR / "frenchtech" / "locale" / "check_translations.py"
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
