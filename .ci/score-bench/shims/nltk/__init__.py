"""Stand-in for nltk's word_tokenize, whose tokenizer data (punkt) cannot be downloaded here. The
Spider evaluator's process_sql.py uses it only to parse queries for the hardness levels and the
exact-match metric, not for execution accuracy; this splits SQL into words, dotted names, numbers
and single punctuation characters, which is what process_sql.py expects of it."""
import re

_TOKEN = re.compile(r"__val_\d+_\d+__|\w+(?:\.\w+)*(?:\.\*)?|[^\s\w]")


def word_tokenize(text):
    return _TOKEN.findall(text)
