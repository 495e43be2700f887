"""Logging filters that keep personal data out of application logs.

Query strings carry search words, and search words are names (`/cases/?q=Щукина`): the request lines that
Django's development server logs (`django.server`) and the paths of error records lose their query strings.
"""

import logging
import re

_QUERY = re.compile(r"\?[^\s\"]*")


class StripQueryStrings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _QUERY.sub("?…", str(record.msg))
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(_QUERY.sub("?…", arg) if isinstance(arg, str) else arg for arg in args)
        return True
