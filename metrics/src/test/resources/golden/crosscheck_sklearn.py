#!/usr/bin/env python3
"""Checks metrics-golden-v1.json's classification and multi-label values against scikit-learn.

generate_golden.py re-implements scikit-learn's algorithms because PyPI could not be reached
where the file was made; this script runs the real library over the same cases wherever one is
installed (e.g. Debian's python3-sklearn: `apt-get install python3-sklearn`, then run this with
/usr/bin/python3). Cases without examples are skipped: there scikit-learn returns NaN or raises,
and mtl4j documents 0. seqeval is not packaged for Debian, so the tagging cases are not checked
here. Exits 1 on the first value that differs by more than 1e-12.
"""

import json
import pathlib
import sys
import warnings

import numpy as np
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import (accuracy_score, confusion_matrix, f1_score, hamming_loss,
                             precision_recall_fscore_support, recall_score)
from sklearn.preprocessing import MultiLabelBinarizer

TOLERANCE = 1e-12
warnings.simplefilter('ignore', UndefinedMetricWarning)


def close(case, what, expected, actual):
    if not np.allclose(np.asarray(expected, dtype=float), np.asarray(actual, dtype=float), rtol=0, atol=TOLERANCE):
        sys.exit('%s %s: golden %r, scikit-learn %r' % (case['id'], what, expected, actual))


def classification(case):
    y, p = case['gold'], case['pred']
    m, r = case['metrics'], case['report']
    close(case, 'accuracy', m['classification_accuracy'], accuracy_score(y, p) * 100)
    close(case, 'micro f1', m['classification_f1_score'], f1_score(y, p, average='micro'))
    close(case, 'micro recall', m['classification_recall'], recall_score(y, p, average='micro'))
    close(case, 'macro f1', m['classification_macro_f1'], f1_score(y, p, average='macro'))
    close(case, 'weighted f1', m['classification_weighted_f1'], f1_score(y, p, average='weighted'))
    labels = sorted(set(y) | set(p))
    precision, recall, f, support = precision_recall_fscore_support(y, p, labels=labels)
    close(case, 'per-class', [r['precision'], r['recall'], r['f1'], r['support']], [precision, recall, f, support])
    for average in ('micro', 'macro', 'weighted'):
        close(case, average, r[average], precision_recall_fscore_support(y, p, average=average)[:3])
    close(case, 'confusion', r['confusion'], confusion_matrix(y, p, labels=labels))


def multilabel(case, classes, expected):
    binarizer = MultiLabelBinarizer(classes=classes)
    y = binarizer.fit_transform(case['gold'])
    p = binarizer.transform(case['pred'])
    close(case, 'micro f1 ' + str(classes), expected['micro_f1'], f1_score(y, p, average='micro'))
    close(case, 'macro f1 ' + str(classes), expected['macro_f1'], f1_score(y, p, average='macro'))
    close(case, 'subset accuracy', expected['subset_accuracy'], accuracy_score(y, p))
    close(case, 'hamming loss', expected['hamming_loss'], hamming_loss(y, p))


def main():
    golden = json.loads((pathlib.Path(__file__).parent / 'metrics-golden-v1.json').read_text())
    checked = skipped = 0
    for case in golden['cases']:
        if case['kind'] == 'tagging':
            continue
        if not case['gold']:
            skipped += 1
            continue
        if case['kind'] == 'classification':
            classification(case)
        else:
            m = case['metrics']
            seen = sorted({l for g in case['gold'] for l in g} | {l for p in case['pred'] for l in p})
            if seen:
                multilabel(case, seen, {'micro_f1': m['multilabel_micro_f1'], 'macro_f1': m['multilabel_macro_f1'],
                                        'subset_accuracy': m['multilabel_subset_accuracy'],
                                        'hamming_loss': m['multilabel_hamming_loss']})
                y = MultiLabelBinarizer(classes=seen).fit_transform(case['gold'])
                p = MultiLabelBinarizer(classes=seen).fit_transform(case['pred'])
                close(case, 'accuracy %', m['classification_accuracy'], accuracy_score(y, p) * 100)
                close(case, 'classification f1', m['classification_f1_score'], f1_score(y, p, average='micro'))
                close(case, 'classification recall', m['classification_recall'], recall_score(y, p, average='micro'))
            multilabel(case, case['labels'], case['with_labels'])
        checked += 1
    import sklearn
    print('scikit-learn %s agrees with the golden file on %d cases (%d without examples skipped)'
          % (sklearn.__version__, checked, skipped))


if __name__ == '__main__':
    main()
