#!/usr/bin/env python3
"""Generates metrics-golden-v1.json: random cases with the values scikit-learn and seqeval give.

Regenerate (from the repository root; deterministic, needs only Python 3.8+, no packages):

    python3 metrics/src/test/resources/golden/generate_golden.py \
        > metrics/src/test/resources/golden/metrics-golden-v1.json

MetricsGoldenTest (metrics module) reproduces every value to 1e-9.

Where the numbers come from. The machine that produced this file had no PyPI access, so this
script does not import scikit-learn or seqeval. It is an independent re-implementation, written
from those libraries' algorithms as published, of exactly the functions the original
hellohaptik/multi-task-NLP library calls (utils/eval_metrics.py) and of the reports mtl4j adds:

* scikit-learn 0.23.1 (the original's pin): accuracy_score, precision_recall_fscore_support /
  f1_score / recall_score with average None, 'micro', 'macro', 'weighted', multi-label
  indicator input, hamming_loss. zero_division='warn' (the default) acts as 0: precision with no
  prediction, recall with no gold instance and F with precision + recall == 0 are 0. F is
  computed as 0.23 does: (1 + beta^2) * P * R / (beta^2 * P + R). 'weighted' with zero total
  support returns 0. Labels are the sorted union of gold and predicted labels.
* seqeval 0.0.12 (the original's pin): get_entities with conlleval's lenient chunk rules
  (prefix = first character, type = text after the last '-', sentences joined with an 'O'
  after each), and precision_score / recall_score / f1_score (micro, entity sets).
* seqeval 1.2.x strict mode (mode='strict', scheme=IOB2 or IOBES): the scheme's start, inside
  and end prefix patterns, entities per sentence, and the per-type report aggregation of
  seqeval.metrics.v1 (same averaging as scikit-learn above).
* The original's computeF1Score (SNIPS metrics, MiuLab SlotGated-SLU's port of conlleval.pl):
  percentages.

crosscheck_sklearn.py beside this script runs the real scikit-learn over the classification and
multi-label cases wherever it is installed; Debian's python3-sklearn 1.2.1 agreed with every
value of all 108 cases that have examples (to 1e-12). seqeval is not packaged for Debian; its
chunk rules here were checked against seqeval's source and its documented examples.

Sums are accumulated left to right in plain Python floats (numpy uses pairwise summation for
longer arrays, which can differ from these values in the last bit or two, far below 1e-9).
Conventions where the libraries return NaN or raise (documented in mtl4j's Javadoc): with no
examples, or no labels or entity types at all, every average is 0.
"""

import json
import random
import sys

SEED = 20261125


# ----------------------------------------------------------------------------- scikit-learn

def _divide(numerator, denominator):
    """_prf_divide with zero_division='warn': 0 where the denominator is 0."""
    return numerator / denominator if denominator != 0 else 0.0


def _fscore(precision, recall):
    beta2 = 1.0
    denom = beta2 * precision + recall
    if denom == 0.0:
        denom = 1.0
    return (1 + beta2) * precision * recall / denom


def _mean(values):
    total = 0.0
    for v in values:
        total += v
    return total / len(values) if values else 0.0


def prfs(tp_sum, pred_sum, true_sum, average):
    """precision_recall_fscore_support on per-label counts; returns (p, r, f) or per-label lists."""
    if average == 'micro':
        tp_sum = [sum(tp_sum)]
        pred_sum = [sum(pred_sum)]
        true_sum = [sum(true_sum)]
    precision = [_divide(t, p) for t, p in zip(tp_sum, pred_sum)]
    recall = [_divide(t, a) for t, a in zip(tp_sum, true_sum)]
    f = [_fscore(p, r) for p, r in zip(precision, recall)]
    if average is None:
        return precision, recall, f
    if average == 'weighted':
        weight_sum = sum(true_sum)
        if weight_sum == 0:
            return 0.0, 0.0, 0.0
        out = []
        for values in (precision, recall, f):
            acc = 0.0
            for v, w in zip(values, true_sum):
                acc += v * float(w)
            out.append(acc / weight_sum)
        return tuple(out)
    return _mean(precision), _mean(recall), _mean(f)


def multiclass_counts(y_true, y_pred):
    labels = sorted(set(y_true) | set(y_pred))
    tp = [sum(1 for t, p in zip(y_true, y_pred) if t == p == lab) for lab in labels]
    pred = [sum(1 for p in y_pred if p == lab) for lab in labels]
    true = [sum(1 for t in y_true if t == lab) for lab in labels]
    return labels, tp, pred, true


def accuracy_score(y_true, y_pred):
    if not y_true:
        return 0.0
    return sum(1 for t, p in zip(y_true, y_pred) if t == p) / len(y_true)


def confusion_matrix(y_true, y_pred, labels):
    index = {lab: i for i, lab in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    for t, p in zip(y_true, y_pred):
        m[index[t]][index[p]] += 1
    return m


def report_dict(labels, tp, pred, true):
    p, r, f = prfs(tp, pred, true, None)
    return {
        'labels': labels,
        'precision': p, 'recall': r, 'f1': f, 'support': true,
        'micro': list(prfs(tp, pred, true, 'micro')),
        'macro': list(prfs(tp, pred, true, 'macro')),
        'weighted': list(prfs(tp, pred, true, 'weighted')),
    }


# ----------------------------------------------------------------------------- seqeval 0.0.12

def _end_of_chunk(prev_tag, tag, prev_type, type_):
    chunk_end = False
    if prev_tag == 'E': chunk_end = True
    if prev_tag == 'S': chunk_end = True
    if prev_tag == 'B' and tag == 'B': chunk_end = True
    if prev_tag == 'B' and tag == 'S': chunk_end = True
    if prev_tag == 'B' and tag == 'O': chunk_end = True
    if prev_tag == 'I' and tag == 'B': chunk_end = True
    if prev_tag == 'I' and tag == 'S': chunk_end = True
    if prev_tag == 'I' and tag == 'O': chunk_end = True
    if prev_tag != 'O' and prev_tag != '.' and prev_type != type_:
        chunk_end = True
    return chunk_end


def _start_of_chunk(prev_tag, tag, prev_type, type_):
    chunk_start = False
    if tag == 'B': chunk_start = True
    if tag == 'S': chunk_start = True
    if prev_tag == 'E' and tag == 'E': chunk_start = True
    if prev_tag == 'E' and tag == 'I': chunk_start = True
    if prev_tag == 'S' and tag == 'E': chunk_start = True
    if prev_tag == 'S' and tag == 'I': chunk_start = True
    if prev_tag == 'O' and tag == 'E': chunk_start = True
    if prev_tag == 'O' and tag == 'I': chunk_start = True
    if tag != 'O' and tag != '.' and prev_type != type_:
        chunk_start = True
    return chunk_start


def get_entities(seq):
    if any(isinstance(s, list) for s in seq):
        seq = [item for sublist in seq for item in sublist + ['O']]
    prev_tag, prev_type, begin = 'O', '', 0
    chunks = []
    for i, chunk in enumerate(seq + ['O']):
        tag = chunk[0]
        type_ = chunk.split('-')[-1]
        if _end_of_chunk(prev_tag, tag, prev_type, type_):
            chunks.append((prev_type, begin, i - 1))
        if _start_of_chunk(prev_tag, tag, prev_type, type_):
            begin = i
        prev_tag, prev_type = tag, type_
    return chunks


def seqeval_scores(y_true, y_pred):
    true_entities = set(get_entities(y_true))
    pred_entities = set(get_entities(y_pred))
    nb_correct = len(true_entities & pred_entities)
    nb_pred = len(pred_entities)
    nb_true = len(true_entities)
    p = nb_correct / nb_pred if nb_pred > 0 else 0
    r = nb_correct / nb_true if nb_true > 0 else 0
    f = 2 * p * r / (p + r) if p + r > 0 else 0
    return float(p), float(r), float(f)


# ----------------------------------------------------------------------------- seqeval 1.x strict

ANY_PREFIX = 'IOBES'
IOB2 = {
    'allowed': 'IOB',
    'start': [(ANY_PREFIX, 'B', 'ANY')],
    'inside': [('B', 'I', 'SAME'), ('I', 'I', 'SAME')],
    'end': [('I', 'O', 'ANY'), ('I', 'I', 'DIFF'), ('I', 'B', 'ANY'),
            ('B', 'O', 'ANY'), ('B', 'I', 'DIFF'), ('B', 'B', 'ANY')],
}
IOBES = {
    'allowed': 'IOBES',
    'start': [(ANY_PREFIX, 'B', 'ANY'), (ANY_PREFIX, 'S', 'ANY')],
    'inside': [('B', 'I', 'SAME'), ('B', 'E', 'SAME'), ('I', 'I', 'SAME'), ('I', 'E', 'SAME')],
    'end': [('S', ANY_PREFIX, 'ANY'), ('E', ANY_PREFIX, 'ANY')],
}


def _token_type(token):
    return token[1:].strip('-') or '_'


def _matches(scheme, kind, prev, cur):
    for prev_prefixes, cur_prefixes, cond in scheme[kind]:
        if prev[0] in prev_prefixes and cur[0] in cur_prefixes:
            same = _token_type(prev) == _token_type(cur)
            if cond == 'ANY' or (cond == 'SAME' and same) or (cond == 'DIFF' and not same):
                return True
    return False


def strict_entities(sequences, scheme):
    entities = []
    for sent_id, seq in enumerate(sequences):
        tokens = list(seq) + ['O']
        for t in tokens:
            if t[0] not in scheme['allowed']:
                raise ValueError('invalid token ' + t)
        i, prev = 0, 'O'
        while i < len(tokens):
            token = tokens[i]
            if _matches(scheme, 'start', prev, token):
                end, p = len(tokens) - 1, token
                for j in range(i + 1, len(tokens)):
                    if _matches(scheme, 'inside', p, tokens[j]):
                        p = tokens[j]
                    else:
                        end = j
                        break
                if _matches(scheme, 'end', tokens[end - 1], tokens[end]):
                    entities.append((sent_id, _token_type(token), i, end))
                i = end
            else:
                i += 1
            prev = tokens[i - 1]
    return entities


def entity_report(true_entities, pred_entities, type_of):
    true_entities, pred_entities = set(true_entities), set(pred_entities)
    types = sorted({type_of(e) for e in true_entities} | {type_of(e) for e in pred_entities})
    tp = [len({e for e in true_entities if type_of(e) == t} & {e for e in pred_entities if type_of(e) == t}) for t in types]
    pred = [len([e for e in pred_entities if type_of(e) == t]) for t in types]
    true = [len([e for e in true_entities if type_of(e) == t]) for t in types]
    return report_dict(types, tp, pred, true)


# ----------------------------------------------------------------------------- SNIPS (conlleval)

def _split_tag(tag):
    parts = tag.split('-')
    if len(parts) > 2:
        raise ValueError('tag format wrong: ' + tag)
    return (parts[0], '') if len(parts) == 1 else (parts[0], parts[1])


def _conll_start(prev_tag, tag, prev_type, type_):
    start = ((prev_tag, tag) in {('B', 'B'), ('I', 'B'), ('O', 'B'), ('O', 'I'),
                                 ('E', 'E'), ('E', 'I'), ('O', 'E')})
    return start or (tag != 'O' and tag != '.' and prev_type != type_)


def _conll_end(prev_tag, tag, prev_type, type_):
    end = ((prev_tag, tag) in {('B', 'B'), ('B', 'O'), ('I', 'B'), ('I', 'O'),
                               ('E', 'E'), ('E', 'I'), ('E', 'O')})
    return end or (prev_tag != 'O' and prev_tag != '.' and prev_type != type_)


def snips_scores(y_true, y_pred):
    correct = found_gold = found_pred = 0
    for gold_seq, pred_seq in zip(y_true, y_pred):
        in_correct = False
        lg, lgt, lp, lpt = 'O', '', 'O', ''
        for g, p in zip(gold_seq, pred_seq):
            gt, gty = _split_tag(g)
            pt, pty = _split_tag(p)
            if in_correct:
                ge, pe = _conll_end(lg, gt, lgt, gty), _conll_end(lp, pt, lpt, pty)
                if ge and pe and lgt == lpt:
                    in_correct = False
                    correct += 1
                elif ge != pe or gty != pty:
                    in_correct = False
            gs, ps = _conll_start(lg, gt, lgt, gty), _conll_start(lp, pt, lpt, pty)
            if gs and ps and gty == pty:
                in_correct = True
            found_gold += gs
            found_pred += ps
            lg, lgt, lp, lpt = gt, gty, pt, pty
        if in_correct:
            correct += 1
    precision = 100 * correct / found_pred if found_pred > 0 else 0
    recall = 100 * correct / found_gold if found_gold > 0 else 0
    f1 = (2 * precision * recall) / (precision + recall) if precision + recall > 0 else 0
    return float(f1), float(precision), float(recall)


# ----------------------------------------------------------------------------- random cases

TYPES = ['PER', 'LOC', 'ORG', 'MISC']


def rand_iob2(rng, n):
    seq, i = [], 0
    while i < n:
        if rng.random() < 0.45:
            seq.append('O')
            i += 1
            continue
        t = rng.choice(TYPES)
        length = min(n - i, rng.randint(1, 3))
        seq += ['B-' + t] + ['I-' + t] * (length - 1)
        i += length
    return seq


def rand_iobes(rng, n):
    seq, i = [], 0
    while i < n:
        if rng.random() < 0.45:
            seq.append('O')
            i += 1
            continue
        t = rng.choice(TYPES)
        length = min(n - i, rng.randint(1, 3))
        seq += ['S-' + t] if length == 1 else ['B-' + t] + ['I-' + t] * (length - 2) + ['E-' + t]
        i += length
    return seq


def corrupt(rng, seq, prefixes, rate):
    out = []
    for tag in seq:
        if rng.random() < rate:
            p = rng.choice(prefixes)
            tag = 'O' if p == 'O' else p + '-' + rng.choice(TYPES)
        out.append(tag)
    return out


def classification_case(rng, k):
    pools = [['0', '1'], ['0', '1', '2'], ['neg', 'neu', 'pos'], ['a', 'b', 'c', 'd', 'e'],
             ['book', 'play', 'rate', 'search', 'weather', 'add', 'find']]
    pool = pools[k % len(pools)]
    n = [0, 1, 2][k] if k < 3 else rng.randint(3, 60)
    gold = [rng.choice(pool) for _ in range(n)]
    never = rng.choice(pool)
    skill = rng.random()
    pred = []
    for g in gold:
        p = g if rng.random() < skill else rng.choice(pool)
        if k % 4 == 0 and p == never:  # a class that is never predicted
            p = pool[(pool.index(never) + 1) % len(pool)]
        pred.append(p)
    labels, tp, ps, ts = multiclass_counts(gold, pred)
    micro = prfs(tp, ps, ts, 'micro')
    macro = prfs(tp, ps, ts, 'macro')
    weighted = prfs(tp, ps, ts, 'weighted')
    report = report_dict(labels, tp, ps, ts)
    report['confusion'] = confusion_matrix(gold, pred, labels)
    return {
        'id': 'classification-%03d' % k, 'kind': 'classification', 'gold': gold, 'pred': pred,
        'metrics': {
            'classification_accuracy': accuracy_score(gold, pred) * 100,
            'classification_f1_score': micro[2],
            'classification_recall': micro[1],
            'classification_recall_score': micro[1],
            'classification_macro_f1': macro[2],
            'classification_weighted_f1': weighted[2],
        },
        'report': report,
    }


def tagging_metrics(gold, pred):
    sp, sr, sf = seqeval_scores(gold, pred)
    nf, np_, nr = snips_scores(gold, pred)
    return {'seqeval_f1_score': sf, 'seqeval_precision': sp, 'seqeval_recall': sr,
            'snips_f1_score': nf, 'snips_precision': np_, 'snips_recall': nr}



def tagging_case(rng, k, scheme_name):
    sentences = 0 if k == 0 else rng.randint(1, 8)
    gold, pred = [], []
    for _ in range(sentences):
        n = rng.randint(0, 14)
        if scheme_name == 'IOB2':
            g = rand_iob2(rng, n)
            p = corrupt(rng, g, ['B', 'I', 'O'], rng.choice([0.0, 0.1, 0.3]))
        else:
            g = rand_iobes(rng, n)
            p = corrupt(rng, g, ['B', 'I', 'E', 'S', 'O'], rng.choice([0.0, 0.1, 0.3]))
        gold.append(g)
        pred.append(p)
    scheme = IOB2 if scheme_name == 'IOB2' else IOBES
    metrics = tagging_metrics(gold, pred)
    strict = entity_report(strict_entities(gold, scheme), strict_entities(pred, scheme), lambda e: e[1])
    metrics['seqeval_strict_%s_f1' % scheme_name.lower()] = strict['micro'][2]
    return {
        'id': 'tagging-%s-%03d' % (scheme_name.lower(), k), 'kind': 'tagging', 'word_level': False,
        'gold': gold, 'pred': pred, 'metrics': metrics,
        'reports': {
            'LENIENT': entity_report(get_entities(gold), get_entities(pred), lambda e: e[0]),
            'STRICT_' + scheme_name: strict,
        },
    }


def messy_case(rng, k):
    """Sub-token tags with [CLS]/[SEP]/X, odd tags ('.', 'X' predicted), dropped to word level."""
    gold, pred = [], []
    odd = ['X', '.', 'O', '[CLS]', 'B-PER', 'I-LOC', 'E-ORG', 'S-MISC', 'I-PER']
    for _ in range(rng.randint(1, 6)):
        words = rand_iob2(rng, rng.randint(0, 10)) if k % 2 else rand_iobes(rng, rng.randint(0, 10))
        g, p = ['[CLS]'], ['[CLS]']
        for tag in words:
            g.append(tag)
            p.append(rng.choice(odd) if rng.random() < 0.25 else tag)
            for _ in range(rng.choice([0, 0, 1, 2])):
                g.append('X')
                p.append(rng.choice(['X', 'X', 'O', tag]))
        g.append('[SEP]')
        p.append(rng.choice(['[SEP]', 'O', 'X']))
        gold.append(g)
        pred.append(p)
    ignored = {'[CLS]', '[SEP]', 'X'}
    word_gold = [[t for t in g if t not in ignored] for g in gold]
    word_pred = [[pt for gt, pt in zip(g, p) if gt not in ignored] for g, p in zip(gold, pred)]
    return {
        'id': 'tagging-subtoken-%03d' % k, 'kind': 'tagging', 'word_level': True,
        'gold': gold, 'pred': pred, 'metrics': tagging_metrics(word_gold, word_pred),
        'reports': {'LENIENT': entity_report(get_entities(word_gold), get_entities(word_pred), lambda e: e[0])},
    }


def multilabel_case(rng, k):
    universe = ['alarm', 'music', 'news', 'reminder', 'timer', 'weather'][:rng.randint(2, 6)]
    n = 0 if k == 0 else rng.randint(1, 30)
    gold = [sorted(l for l in universe if rng.random() < 0.35) for _ in range(n)]
    pred = []
    for g in gold:
        p = set(g)
        for label in universe:
            if rng.random() < 0.2:
                p ^= {label}
        pred.append(sorted(p))

    def scores(labels):
        tp = [sum(1 for g, p in zip(gold, pred) if l in g and l in p) for l in labels]
        ps = [sum(1 for p in pred if l in p) for l in labels]
        ts = [sum(1 for g in gold if l in g) for l in labels]
        wrong = sum(1 for g, p in zip(gold, pred) for l in labels if (l in g) != (l in p))
        cells = len(gold) * len(labels)
        return {
            'micro_f1': prfs(tp, ps, ts, 'micro')[2],
            'micro_recall': prfs(tp, ps, ts, 'micro')[1],
            'macro_f1': prfs(tp, ps, ts, 'macro')[2],
            'subset_accuracy': sum(1 for g, p in zip(gold, pred) if g == p) / len(gold) if gold else 0.0,
            'hamming_loss': wrong / cells if cells else 0.0,
        }

    seen = sorted({l for g in gold for l in g} | {l for p in pred for l in p})
    union = scores(seen)
    return {
        'id': 'multilabel-%03d' % k, 'kind': 'multilabel', 'labels': universe, 'gold': gold, 'pred': pred,
        'metrics': {
            'multilabel_micro_f1': union['micro_f1'], 'multilabel_macro_f1': union['macro_f1'],
            'multilabel_subset_accuracy': union['subset_accuracy'],
            'multilabel_hamming_loss': union['hamming_loss'],
            'classification_accuracy': union['subset_accuracy'] * 100,
            'classification_f1_score': union['micro_f1'],
            'classification_recall': union['micro_recall'],
        },
        'with_labels': scores(universe),
    }


def main():
    rng = random.Random(SEED)
    cases = [classification_case(rng, k) for k in range(80)]
    cases += [tagging_case(rng, k, 'IOB2') for k in range(40)]
    cases += [tagging_case(rng, k, 'IOBES') for k in range(40)]
    cases += [messy_case(rng, k) for k in range(30)]
    cases += [multilabel_case(rng, k) for k in range(30)]
    json.dump({'format': 'mtl4j-metrics-golden/1', 'seed': SEED,
               'generator': 'metrics/src/test/resources/golden/generate_golden.py',
               'cases': cases}, sys.stdout, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
