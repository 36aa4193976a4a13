"""Writes the golden forward passes the DJL encoder blocks are checked against.

Each family gets a folder with config.json, model.safetensors (seeded random weights) and io.json
(inputs, last_hidden_state, pooler_output). The outputs come from a float64 numpy transcription of
transformers' BertModel, RobertaModel, DistilBertModel, AlbertModel and XLNetModel forward passes
(eval mode, no mems, no target mapping), kept close to the transformers code line by line.

Regenerate (numpy only): python3 make_golden.py   (run in this folder)
"""
import json
import math
import struct

import numpy as np

RNG = np.random.default_rng(20251125)

CONFIGS = {
    "bert": {"model_type": "bert", "vocab_size": 64, "hidden_size": 32, "num_hidden_layers": 2,
             "num_attention_heads": 4, "intermediate_size": 48, "hidden_act": "gelu",
             "max_position_embeddings": 16, "type_vocab_size": 2, "layer_norm_eps": 1e-12,
             "pad_token_id": 0, "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
             "initializer_range": 0.02},
    "roberta": {"model_type": "roberta", "vocab_size": 64, "hidden_size": 32, "num_hidden_layers": 2,
                "num_attention_heads": 4, "intermediate_size": 48, "hidden_act": "gelu",
                "max_position_embeddings": 18, "type_vocab_size": 1, "layer_norm_eps": 1e-5,
                "pad_token_id": 1, "hidden_dropout_prob": 0.1,
                "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02},
    "distilbert": {"model_type": "distilbert", "vocab_size": 64, "dim": 32, "n_layers": 2,
                   "n_heads": 4, "hidden_dim": 48, "activation": "gelu",
                   "max_position_embeddings": 16, "sinusoidal_pos_embds": False, "pad_token_id": 0,
                   "dropout": 0.1, "attention_dropout": 0.1, "initializer_range": 0.02},
    "albert": {"model_type": "albert", "vocab_size": 64, "embedding_size": 16, "hidden_size": 32,
               "num_hidden_layers": 3, "num_hidden_groups": 2, "inner_group_num": 2,
               "num_attention_heads": 4, "intermediate_size": 48, "hidden_act": "gelu_new",
               "max_position_embeddings": 16, "type_vocab_size": 2, "layer_norm_eps": 1e-12,
               "pad_token_id": 0, "hidden_dropout_prob": 0, "attention_probs_dropout_prob": 0,
               "initializer_range": 0.02},
    "xlnet": {"model_type": "xlnet", "vocab_size": 64, "d_model": 32, "n_layer": 2, "n_head": 4,
              "d_head": 8, "d_inner": 48, "ff_activation": "gelu", "untie_r": True,
              "attn_type": "bi", "bi_data": False, "clamp_len": -1, "same_length": False,
              "mem_len": None, "reuse_len": None, "layer_norm_eps": 1e-12, "pad_token_id": 5,
              "dropout": 0.1, "initializer_range": 0.02},
}


def normal(*shape, scale=0.3):
    return RNG.normal(0.0, scale, shape)


def linear(w, name, n_in, n_out):
    w[name + ".weight"] = normal(n_out, n_in)
    w[name + ".bias"] = normal(n_out, scale=0.1)


def norm(w, name, width):
    w[name + ".weight"] = 1.0 + normal(width, scale=0.1)
    w[name + ".bias"] = normal(width, scale=0.1)


def gelu(x):
    return 0.5 * x * (1.0 + np.vectorize(math.erf)(x / math.sqrt(2.0)))


def gelu_new(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * np.power(x, 3.0))))


ACT = {"gelu": gelu, "gelu_new": gelu_new}


def layer_norm(x, w, name, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w[name + ".weight"] + w[name + ".bias"]


def dense(x, w, name):
    return x @ w[name + ".weight"].T + w[name + ".bias"]


def softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def self_attention(h, mask, w, names, heads):
    """BertSelfAttention + output projection: returns the merged, projected context."""
    b, t, d = h.shape
    dh = d // heads

    def split(x):
        return x.reshape(b, t, heads, dh).transpose(0, 2, 1, 3)

    q, k, v = (split(dense(h, w, n)) for n in names[:3])
    scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(dh)
    scores = scores + ((1.0 - mask[:, None, None, :]) * np.finfo(np.float32).min)
    context = (softmax(scores, 3) @ v).transpose(0, 2, 1, 3).reshape(b, t, d)
    return dense(context, w, names[3])


def post_norm_layer(h, mask, w, names, heads, act, eps):
    a = layer_norm(h + self_attention(h, mask, w, names, heads), w, names[4], eps)
    return layer_norm(a + dense(ACT[act](dense(a, w, names[5])), w, names[6]), w, names[7], eps)


def embeddings(w, ids, positions, types, eps):
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][positions]
    if types is not None:
        x = x + w["embeddings.token_type_embeddings.weight"][types]
    return layer_norm(x, w, "embeddings.LayerNorm", eps)


BERT_NAMES = ["attention.self.query", "attention.self.key", "attention.self.value",
              "attention.output.dense", "attention.output.LayerNorm", "intermediate.dense",
              "output.dense", "output.LayerNorm"]
DISTIL_NAMES = ["attention.q_lin", "attention.k_lin", "attention.v_lin", "attention.out_lin",
                "sa_layer_norm", "ffn.lin1", "ffn.lin2", "output_layer_norm"]
ALBERT_NAMES = ["attention.query", "attention.key", "attention.value", "attention.dense",
                "attention.LayerNorm", "ffn", "ffn_output", "full_layer_layer_norm"]


def bert_weights(c, roberta):
    w, h = {}, c["hidden_size"]
    w["embeddings.word_embeddings.weight"] = normal(c["vocab_size"], h)
    w["embeddings.position_embeddings.weight"] = normal(c["max_position_embeddings"], h)
    w["embeddings.token_type_embeddings.weight"] = normal(c["type_vocab_size"], h)
    norm(w, "embeddings.LayerNorm", h)
    for i in range(c["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        for n in BERT_NAMES[:4]:
            linear(w, p + n, h, h)
        norm(w, p + BERT_NAMES[4], h)
        linear(w, p + BERT_NAMES[5], h, c["intermediate_size"])
        linear(w, p + BERT_NAMES[6], c["intermediate_size"], h)
        norm(w, p + BERT_NAMES[7], h)
    linear(w, "pooler.dense", h, h)
    return w


def bert_forward(c, w, ids, mask, types, roberta):
    eps = c["layer_norm_eps"]
    if roberta:
        pad = c["pad_token_id"]
        m = (ids != pad).astype(np.int64)  # create_position_ids_from_input_ids
        positions = np.cumsum(m, axis=1) * m + pad
        types = np.zeros_like(ids)
    else:
        positions = np.arange(ids.shape[1])[None, :]
    h = embeddings(w, ids, positions, types, eps)
    for i in range(c["num_hidden_layers"]):
        names = [f"encoder.layer.{i}." + n for n in BERT_NAMES]
        h = post_norm_layer(h, mask, w, names, c["num_attention_heads"], c["hidden_act"], eps)
    return h, np.tanh(dense(h[:, 0], w, "pooler.dense"))


def distilbert_weights(c):
    w, d = {}, c["dim"]
    w["embeddings.word_embeddings.weight"] = normal(c["vocab_size"], d)
    w["embeddings.position_embeddings.weight"] = normal(c["max_position_embeddings"], d)
    norm(w, "embeddings.LayerNorm", d)
    for i in range(c["n_layers"]):
        p = f"transformer.layer.{i}."
        for n in DISTIL_NAMES[:4]:
            linear(w, p + n, d, d)
        norm(w, p + DISTIL_NAMES[4], d)
        linear(w, p + DISTIL_NAMES[5], d, c["hidden_dim"])
        linear(w, p + DISTIL_NAMES[6], c["hidden_dim"], d)
        norm(w, p + DISTIL_NAMES[7], d)
    return w


def distilbert_forward(c, w, ids, mask, types):
    h = embeddings(w, ids, np.arange(ids.shape[1])[None, :], None, 1e-12)
    for i in range(c["n_layers"]):
        names = [f"transformer.layer.{i}." + n for n in DISTIL_NAMES]
        h = post_norm_layer(h, mask, w, names, c["n_heads"], c["activation"], 1e-12)
    return h, None


def albert_weights(c):
    w, h, e = {}, c["hidden_size"], c["embedding_size"]
    w["embeddings.word_embeddings.weight"] = normal(c["vocab_size"], e)
    w["embeddings.position_embeddings.weight"] = normal(c["max_position_embeddings"], e)
    w["embeddings.token_type_embeddings.weight"] = normal(c["type_vocab_size"], e)
    norm(w, "embeddings.LayerNorm", e)
    linear(w, "encoder.embedding_hidden_mapping_in", e, h)
    for g in range(c["num_hidden_groups"]):
        for k in range(c["inner_group_num"]):
            p = f"encoder.albert_layer_groups.{g}.albert_layers.{k}."
            norm(w, p + "full_layer_layer_norm", h)
            for n in ALBERT_NAMES[:4]:
                linear(w, p + n, h, h)
            norm(w, p + "attention.LayerNorm", h)
            linear(w, p + "ffn", h, c["intermediate_size"])
            linear(w, p + "ffn_output", c["intermediate_size"], h)
    linear(w, "pooler", h, h)
    return w


def albert_forward(c, w, ids, mask, types):
    eps = c["layer_norm_eps"]
    h = embeddings(w, ids, np.arange(ids.shape[1])[None, :], types, eps)
    h = dense(h, w, "encoder.embedding_hidden_mapping_in")
    layers, groups = c["num_hidden_layers"], c["num_hidden_groups"]
    for i in range(layers):
        g = int(i / (layers / groups))  # AlbertTransformer.forward
        for k in range(c["inner_group_num"]):
            names = [f"encoder.albert_layer_groups.{g}.albert_layers.{k}." + n for n in ALBERT_NAMES]
            h = post_norm_layer(h, mask, w, names, c["num_attention_heads"], c["hidden_act"], eps)
    return h, np.tanh(dense(h[:, 0], w, "pooler"))


def xlnet_weights(c):
    w, d, n, dh = {}, c["d_model"], c["n_head"], c["d_head"]
    w["mask_emb"] = normal(1, 1, d)
    w["word_embedding.weight"] = normal(c["vocab_size"], d)
    for i in range(c["n_layer"]):
        a = f"layer.{i}.rel_attn."
        for p in ["q", "k", "v", "o", "r"]:
            w[a + p] = normal(d, n, dh)
        for p in ["r_r_bias", "r_s_bias", "r_w_bias"]:
            w[a + p] = normal(n, dh)
        w[a + "seg_embed"] = normal(2, n, dh)
        norm(w, a + "layer_norm", d)
        f = f"layer.{i}.ff."
        norm(w, f + "layer_norm", d)
        linear(w, f + "layer_1", d, c["d_inner"])
        linear(w, f + "layer_2", c["d_inner"], d)
    return w


def rel_shift_bnij(x, klen):
    b, n, i, j = x.shape
    x = x.reshape(b, n, j, i)[:, :, 1:, :]
    return x.reshape(b, n, i, j - 1)[:, :, :, :klen]


def xlnet_forward(c, w, input_ids, attention_mask, token_type_ids):
    """XLNetModel.forward with attn_type 'bi', no mems, no perm_mask, no target_mapping."""
    ids = input_ids.T  # [qlen, bsz]
    qlen, bsz = ids.shape
    klen = qlen
    d, eps = c["d_model"], c["layer_norm_eps"]
    input_mask = 1.0 - attention_mask.T  # [qlen, bsz]
    attn_mask = (input_mask[None][:, :, :, None] > 0).astype(np.float64)  # [1, klen, bsz, 1]
    non_tgt_mask = -np.eye(qlen)
    non_tgt_mask = ((attn_mask + non_tgt_mask[:, :, None, None]) > 0).astype(np.float64)
    output_h = w["word_embedding.weight"][ids]  # [qlen, bsz, d]
    tt = token_type_ids.T
    seg_mat = (tt[:, None] != tt[None, :]).astype(np.int64)
    seg_mat = np.eye(2)[seg_mat]  # [qlen, klen, bsz, 2]
    freq_seq = np.arange(0, d, 2.0)
    inv_freq = 1 / np.power(10000, (freq_seq / d))
    pos_seq = np.arange(klen, -qlen, -1.0)
    sinusoid = np.einsum("i,d->id", pos_seq, inv_freq)
    pos_emb = np.concatenate([np.sin(sinusoid), np.cos(sinusoid)], axis=-1)[:, None, :]
    pos_emb = np.broadcast_to(pos_emb, (pos_emb.shape[0], bsz, d))
    scale = 1 / (c["d_head"] ** 0.5)
    for i in range(c["n_layer"]):
        a = f"layer.{i}.rel_attn."
        h = output_h
        q_head_h = np.einsum("ibh,hnd->ibnd", h, w[a + "q"])
        k_head_h = np.einsum("ibh,hnd->ibnd", h, w[a + "k"])
        v_head_h = np.einsum("ibh,hnd->ibnd", h, w[a + "v"])
        k_head_r = np.einsum("ibh,hnd->ibnd", pos_emb, w[a + "r"])
        ac = np.einsum("ibnd,jbnd->bnij", q_head_h + w[a + "r_w_bias"], k_head_h)
        bd = np.einsum("ibnd,jbnd->bnij", q_head_h + w[a + "r_r_bias"], k_head_r)
        bd = rel_shift_bnij(bd, klen=ac.shape[3])
        ef = np.einsum("ibnd,snd->ibns", q_head_h + w[a + "r_s_bias"], w[a + "seg_embed"])
        ef = np.einsum("ijbs,ibns->bnij", seg_mat, ef)
        attn_score = (ac + bd + ef) * scale
        attn_score = attn_score - 1e30 * np.einsum("ijbn->bnij", non_tgt_mask)
        attn_prob = softmax(attn_score, 3)
        attn_vec = np.einsum("bnij,jbnd->ibnd", attn_prob, v_head_h)
        attn_out = np.einsum("ibnd,hnd->ibh", attn_vec, w[a + "o"])
        output = layer_norm(attn_out + h, w, a + "layer_norm", eps)
        f = f"layer.{i}.ff."
        x = dense(ACT[c["ff_activation"]](dense(output, w, f + "layer_1")), w, f + "layer_2")
        output_h = layer_norm(x + output, w, f + "layer_norm", eps)
    return output_h.transpose(1, 0, 2), None


def inputs(family, c):
    """Two rows, one padded by three (on the left for XLNet), with two segments."""
    pad = c["pad_token_id"]
    ids = RNG.integers(6, c["vocab_size"], size=(2, 7))
    mask = np.ones((2, 7), dtype=np.int64)
    types = np.array([[0, 0, 0, 1, 1, 1, 1], [0, 0, 0, 0, 1, 1, 1]])
    pads = slice(0, 3) if family == "xlnet" else slice(4, 7)
    ids[1, pads], mask[1, pads], types[1, pads] = pad, 0, 0
    if family == "xlnet":
        types[:, -1] = 2  # <cls> segment
        types[1, :3] = 3  # XLNet's pad segment
    return ids.astype(np.int64), mask, types.astype(np.int64)


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, value in tensors.items():
        blob = np.ascontiguousarray(value, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(value.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for blob in blobs:
            out.write(blob)


def main():
    import os
    for family, c in CONFIGS.items():
        if family in ("bert", "roberta"):
            w = bert_weights(c, family == "roberta")
            forward = lambda c, w, i, m, t, f=family: bert_forward(c, w, i, m, t, f == "roberta")
        else:
            w = {"distilbert": distilbert_weights, "albert": albert_weights, "xlnet": xlnet_weights}[family](c)
            forward = {"distilbert": distilbert_forward, "albert": albert_forward, "xlnet": xlnet_forward}[family]
        w = {k: v.astype(np.float32).astype(np.float64) for k, v in w.items()}  # the stored values
        ids, mask, types = inputs(family, c)
        hidden, pooled = forward(c, w, ids, mask.astype(np.float64), types)
        os.makedirs(family, exist_ok=True)
        with open(os.path.join(family, "config.json"), "w") as out:
            json.dump(c, out, indent=2, sort_keys=True)
        write_safetensors(os.path.join(family, "model.safetensors"), w)
        io = {"input_ids": ids.tolist(), "attention_mask": mask.tolist(), "token_type_ids": types.tolist(),
              "last_hidden_state": hidden.astype(np.float32).tolist()}
        if pooled is not None:
            io["pooler_output"] = pooled.astype(np.float32).tolist()
        with open(os.path.join(family, "io.json"), "w") as out:
            json.dump(io, out)


if __name__ == "__main__":
    main()
