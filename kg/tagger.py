"""A lean inference path for kg's Stanza NER model: same network, same tags, less Python.

`stanza.Pipeline` builds a Document, Sentence, Token and Word object (and
parses a misc string) for every token, converts each batch to tensors token
by token, and decodes the CRF one sentence at a time in NumPy. kg already has
its tokens, and needs one tag per token. `FastTagger` keeps everything that
decides the tags, loaded by Stanza's own loader (the trained `NERTagger`, its
vocabularies, the pretrained vectors) and runs it directly:

- token ids from the vocabularies, cached per distinct word;
- sentences sorted by length and cut into batches of similar lengths;
- the forward pass of `stanza.models.ner.model.NERTagger` in eval mode
  (dropout is the identity there, so it is left out), with the work that
  depends on a word alone done once per distinct word of a call: the
  character model, the input transform and the word LSTM's input products
  (about half its arithmetic); the LSTM then runs step by step over the
  packed sentences;
- a Viterbi decode over the whole batch in torch;
- the tag post-processing of Stanza's trainer (ids below "O" become "O",
  singleton B-/E- become S-), and the tags back in the caller's order;
- a sentence seen before is not tagged again: a sentence's tags depend on
  its tokens alone, and news repeats sentences (boilerplate, syndicated and
  re-published articles).

`tests/test_tagger.py` checks the tags equal `stanza.Pipeline`'s, token for
token, and `python -m kg.bench` compares the tags of both on every sentence of a corpus.
"""
from __future__ import annotations

import torch
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

PAD_ID, UNK_ID, O_MIN = 0, 1, 4  # Stanza's vocab prefix: <PAD>, <UNK>, <EMPTY>, <ROOT>; real tags start at 4
CHAR_BATCH = 4096  # words per call of the character model


class UnsupportedModel(ValueError):
    """The model uses a Stanza feature this path does not reimplement (BERT, char LMs, several tag sets)."""


class FastTagger:
    """Tags lists of token texts with a loaded Stanza NER Trainer's model; see the module docstring."""

    def __init__(self, trainer, max_tokens: int = 16384, max_sentences: int = 1024,
                 max_char_reps: int = 65536, max_remembered: int = 100_000, max_kept_gates: int = 32768):
        self.model = model = trainer.model.eval()
        args = model.args
        vocab = model.vocab
        unsupported = [name for name, bad in [
            ("a transformer", model.bert_model is not None), ("character language models", args.get("charlm")),
            ("several tag columns", len(model.tag_clfs) != 1), ("no character model", not args["char"]),
            ("no word vectors", "word" not in vocab or "delta" not in vocab or model.delta_emb is None),
            ("character lower-casing", args.get("char_lowercase")),
        ] if bad]
        if unsupported:
            raise UnsupportedModel("this NER model uses " + ", ".join(unsupported))
        self.lower = args.get("lowercase", True)
        self.word_ids = vocab["word"]._unit2id
        self.delta_ids = vocab["delta"]._unit2id
        self.delta_lower = vocab["delta"].lower
        self.delta_ignore = set(getattr(vocab["delta"], "ignore", None) or ())
        self.char_ids = vocab["char"]._unit2id
        self.tags = list(vocab["tag"]._id2unit[0])
        # a batch holds up to 16,384 padded tokens, so a call of 32 articles is one or two batches: fewer and
        # fuller LSTM steps (5% less tagging CPU than 4,096 on 1,000 scrape articles, same tags)
        self.max_tokens = max_tokens
        self.max_sentences = max_sentences
        self._ids: dict[str, tuple[int, int, tuple[int, ...]]] = {}
        self._rep_rows: dict[str, int] = {}  # word -> row of _reps, its character model output
        self._reps = torch.empty(max_char_reps, 2 * args["char_hidden_dim"])
        self._seen: dict[str, tuple[str, ...]] = {}  # sentence (tokens joined by NUL) -> its tags
        self.max_remembered = max_remembered
        self._word_lstm = _lstm_weights(model.taggerlstm.lstm)
        # The first distinct words a tagger meets keep their input products: the frequent ones come first
        # (the 32,768 most frequent words of a 3,453-article scrape are 98% of its tokens, 8,192 are 89%);
        # 256 MB with this model. A word not kept has its products computed again in each call, into the
        # rows after the kept ones (see _input_gates).
        self.max_kept = max_kept_gates
        self._gate_rows: dict[str, int] = {}
        self._gate_tables = [torch.empty(max_kept_gates, w_hh.shape[0]) for _, _, w_hh in self._word_lstm]

    # -- ids ---------------------------------------------------------------

    def _lookup(self, word: str) -> tuple[int, int, tuple[int, ...]]:
        """(pretrained word id, delta word id, char ids), as Stanza's vocabularies map them."""
        hit = self._ids.get(word)
        if hit is None:
            key = word.lower() if self.lower else word
            wkey = key.replace(" ", "\xa0") if key else key  # PretrainedWordVocab.normalize_unit
            wid = self.word_ids.get(wkey, UNK_ID)
            if key in self.delta_ignore:
                did = 2  # WordVocab.unit2id: ignored words map to <EMPTY>
            else:
                did = self.delta_ids.get(key.lower() if self.delta_lower else key, UNK_ID)
            if did == UNK_ID and wid != UNK_ID:
                did = PAD_ID  # NERTagger.forward: a known pretrained word is not a delta unknown
            cids = tuple(self.char_ids.get(c, UNK_ID) for c in word)
            hit = (wid, did, cids)
            if len(self._ids) > 500_000:  # bounded on endless inputs
                self._ids.clear()
            self._ids[word] = hit
        return hit

    # -- batches -----------------------------------------------------------

    def _batches(self, lengths: list[int]) -> list[list[int]]:
        """Sentence indices, longest first, cut so a batch holds at most max_tokens padded tokens."""
        order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: -lengths[i])
        batches, cur = [], []
        for i in order:
            if cur and ((len(cur) + 1) * lengths[cur[0]] > self.max_tokens or len(cur) >= self.max_sentences):
                batches.append(cur)
                cur = []
            cur.append(i)
        if cur:
            batches.append(cur)
        return batches

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """One tag per token for every sentence (lists of token texts), in the order given."""
        keys = ["\0".join(s) for s in sentences]
        seen = self._seen
        if len(seen) + len(keys) > self.max_remembered:  # bounded on endless inputs
            seen.clear()
        if not self.max_remembered:
            return self._tag_new(sentences)
        todo = {k: i for i, k in enumerate(keys) if k not in seen}  # each new sentence once
        new = [sentences[i] for i in todo.values()]
        for key, tags in zip(todo, self._tag_new(new)):
            seen[key] = tuple(tags)
        return [list(seen[k]) for k in keys]

    def _tag_new(self, sentences: list[list[str]]) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in sentences]
        with torch.inference_mode():
            words = list(dict.fromkeys(w for s in sentences for w in s))
            if not words:
                return out
            self._add_char_reps(words)
            gates, row = self._input_gates(words)
            for batch in self._batches([len(s) for s in sentences]):
                rows = [[row[w] for w in sentences[i]] for i in batch]
                for i, tag_ids in zip(batch, self._decode(*self._scores(gates, rows))):
                    out[i] = self._tag_strings(tag_ids)
        return out

    # -- network -----------------------------------------------------------

    def _input_gates(self, words: list[str]) -> tuple[list[torch.Tensor], dict[str, int]]:
        """The word LSTM's input-to-gate products of distinct words: per direction a table, words x gates,
        and each word's row in it.

        A token's input (its word and delta embeddings, its character model
        output, the input transform) depends on its word alone, and so does its
        product with the LSTM's input weights: about half the LSTM's arithmetic.
        The products are computed for the words not kept yet; the first ones
        met are kept, the others go in the rows after the kept ones, for this
        call only. Every step then gathers its rows from the one table, kept
        words where they are (without the copy into a table per call, tagging
        took 6-12% less CPU on 1,000 scrape articles).
        """
        kept = self._gate_rows
        new = [w for w in words if w not in kept]
        gates = self._compute_gates(new)
        first = len(kept)
        room = min(self.max_kept - first, len(new))
        kept.update(zip(new[:room], range(first, first + room)))
        others = len(new) - room
        tables = self._tables_with(others)
        for table, g in zip(tables, gates):
            table[first:first + room] = g[:room]
            table[self.max_kept:self.max_kept + others] = g[room:]
        row = {w: kept[w] for w in words if w in kept}
        row.update(zip(new[room:], range(self.max_kept, self.max_kept + others)))
        return tables, row

    def _tables_with(self, others: int) -> list[torch.Tensor]:
        """The gate tables with room for `others` rows after the kept ones. They grow by half as much again
        as a call needs, and shrink back after a call that needed many (bounded memory)."""
        tables, kept = self._gate_tables, self.max_kept
        if not others <= len(tables[0]) - kept <= max(4 * others, 16384):
            extra = max(others + others // 2, 4096)
            tables = self._gate_tables = [torch.cat([t[:kept], t.new_empty(extra, t.shape[1])]) for t in tables]
        return tables

    def _compute_gates(self, words: list[str]) -> list[torch.Tensor]:
        m = self.model
        if not words:
            return [torch.empty(0, w_hh.shape[0]) for _, _, w_hh in self._word_lstm]
        lookup, reps = self._lookup, self._rep_rows
        ids = torch.tensor([(*lookup(w)[:2], reps[w]) for w in words])
        x = torch.cat([m.word_emb(ids[:, 0]) + m.delta_emb(ids[:, 1]), self._reps[ids[:, 2]]], 1)
        if m.input_transform is not None:
            x = m.input_transform(x)
        return [torch.nn.functional.linear(x, w_ih, bias) for w_ih, bias, _ in self._word_lstm]

    def _scores(self, gates: list[torch.Tensor], rows: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor, list[int]]:
        """Emission scores (batch x longest x tags) for sentences (rows of `gates`) sorted longest first."""
        m = self.model
        lens = [len(r) for r in rows]
        padded = torch.tensor([r + [0] * (lens[0] - len(r)) for r in rows])
        packed = pack_padded_sequence(padded, lens, batch_first=True)  # time-major, as Stanza's packed inputs
        steps = packed.batch_sizes.tolist()
        out = torch.cat([_run_lstm(gates[d], packed.data, steps, self._word_lstm[d][2], m.taggerlstm_h_init[d],
                                   m.taggerlstm_c_init[d], backward=d == 1) for d in (0, 1)], 1)
        logits = m.tag_clfs[0](out)
        scores = pad_packed_sequence(PackedSequence(logits, packed.batch_sizes), batch_first=True)[0]
        return scores, m.crits[0]._transitions, lens

    def _add_char_reps(self, words: list[str]) -> None:
        """Run the character model once per distinct word: its output depends on the word alone.

        CharacterModel.forward with attention off: the final states of the char
        BiLSTM, forward and backward. Rows are kept for later calls (bounded).
        """
        new = [w for w in dict.fromkeys(words) if w not in self._rep_rows]
        if not new:
            return
        if len(self._rep_rows) + len(new) > len(self._reps):
            self._rep_rows.clear()
            new = list(dict.fromkeys(words))
            if len(new) > len(self._reps):
                self._reps = torch.empty(len(new), self._reps.shape[1])
        cm = self.model.charmodel
        new.sort(key=len, reverse=True)
        for i in range(0, len(new), CHAR_BATCH):
            chunk = new[i:i + CHAR_BATCH]
            wl = [len(w) for w in chunk]
            chars = torch.tensor([self._lookup(w)[2] + (PAD_ID,) * (wl[0] - len(w)) for w in chunk])
            embs = pack_padded_sequence(cm.char_emb(chars), wl, batch_first=True)
            n = len(chunk)
            h0 = cm.charlstm_h_init.expand(-1, n, -1).contiguous()
            c0 = cm.charlstm_c_init.expand(-1, n, -1).contiguous()
            _, (h, _) = cm.charlstm.lstm(embs, (h0, c0))
            first = len(self._rep_rows)
            self._reps[first:first + n] = h[-2:].transpose(0, 1).reshape(n, -1)
            self._rep_rows.update(zip(chunk, range(first, first + n)))

    # -- decoding ----------------------------------------------------------

    @staticmethod
    def _decode(scores: torch.Tensor, trans: torch.Tensor, lens: list[int]) -> list[list[int]]:
        """Viterbi over the batch at once; the same arithmetic and tie-breaking as Stanza's viterbi_decode."""
        b, longest, _ = scores.shape
        trellis = scores[:, 0].clone()
        back = []
        active = _running(lens, longest)
        for t in range(1, longest):
            k = active[t]
            best, arg = (trellis[:k].unsqueeze(2) + trans).max(1)  # first maximum, as np.argmax
            trellis[:k] = scores[:k, t] + best
            back.append(arg)
        last = trellis.argmax(1)
        path = [last]
        for t in range(longest - 1, 0, -1):
            k = active[t]
            prev = path[-1].clone()
            prev[:k] = back[t - 1].gather(1, path[-1][:k].unsqueeze(1)).squeeze(1)
            path.append(prev)
        path.reverse()
        tags = torch.stack(path, 1).tolist()
        return [row[:n] for row, n in zip(tags, lens)]

    def _tag_strings(self, ids: list[int]) -> list[str]:
        names = self.tags
        tags = [names[i if i >= O_MIN else O_MIN] for i in ids]
        if tags.count("O") == len(tags):  # most sentences: nothing to fix
            return tags
        return fix_singletons(tags)


def _running(lens: list[int], longest: int) -> list[int]:
    """Per time step, how many of the sequences (`lens`) are longer than it: those still running."""
    ending = [0] * (longest + 1)
    for n in lens:
        ending[n] += 1
    running, left = [], len(lens)
    for t in range(longest):
        left -= ending[t]
        running.append(left)
    return running


def fix_singletons(tags: list[str]) -> list[str]:
    """Stanza's `fix_singleton_tags` (stanza.models.ner.trainer), visiting only the tokens with a tag:
    an I- tag that starts or ends an entity becomes B- or E-, then a B- or E- alone becomes S-.

    The same two passes in the same order (each reads its neighbours as the
    pass has left them so far), skipping "O", which neither pass changes.
    """
    new = list(tags)
    tagged = [i for i, t in enumerate(new) if t != "O"]
    last = len(new) - 1
    for i in tagged:
        tag = new[i]
        if tag.startswith("I-"):
            kind = tag[2:]
            if i == last or new[i + 1] not in ("I-" + kind, "E-" + kind):
                new[i] = "E-" + kind
            if i == 0 or new[i - 1] not in ("B-" + kind, "I-" + kind):
                new[i] = "B-" + kind
    for i in tagged:
        tag = new[i]
        kind = tag[2:]
        if tag.startswith("B-") and (i == last or new[i + 1] not in ("I-" + kind, "E-" + kind)):
            new[i] = "S-" + kind
        if tag.startswith("E-") and (i == 0 or new[i - 1] not in ("B-" + kind, "I-" + kind)):
            new[i] = "S-" + kind
    return new


def _run_lstm(gates: torch.Tensor, index: torch.Tensor, steps: list[int], w_hh: torch.Tensor,
              h_init: torch.Tensor, c_init: torch.Tensor, backward: bool) -> torch.Tensor:
    """One direction of a one-layer LSTM over packed rows: every row's output.

    `gates` holds each word's input-to-gate products (biases included; see
    _lstm_weights), `index` each packed row's word and `steps` the packed
    rows per time step. This is torch's LSTM cell step by step, with the gates
    in the order (input, forget, output, cell) so the three sigmoids are one
    call. Sequences are sorted longest first, so those still running at a
    step are its first rows: going forward, a step's state is the first rows
    of the step before's output; going backward, sequences join with the
    initial state.

    Not torch's own LSTM, which would compute the input products again for
    every token. The arithmetic differs from torch's in the last bits (as a
    change of batch shape does); the tags are the same (tests/test_tagger.py
    and `python -m kg.bench` compare them with stanza.Pipeline's).
    """
    size = w_hh.shape[1]
    w_hh = w_hh.t()
    out = torch.empty(len(index), size)
    rows, outs = index.split(steps), out.split(steps)  # each step's packed rows (views, made at once)
    live = steps[-1] if backward else steps[0]  # sequences running
    h = h_init.expand(live, -1)
    c = c_init.expand(live, -1)
    for t in (range(len(steps) - 1, -1, -1) if backward else range(len(steps))):
        n = steps[t]
        if n < live:
            h, c = h[:n], c[:n]
        elif n > live:
            h = torch.cat([h, h_init.expand(n - live, -1)])
            c = torch.cat([c, c_init.expand(n - live, -1)])
        live = n
        g = gates.index_select(0, rows[t]).addmm_(h, w_hh)
        i, f, o = g[:, :3 * size].sigmoid_().chunk(3, 1)
        c = (f * c).add_(i * g[:, 3 * size:].tanh_())
        h = torch.mul(o, c.tanh(), out=outs[t])
    return out


def _lstm_weights(lstm) -> list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
    """Per direction of a one-layer BiLSTM, for _run_lstm: (input weights, both biases summed, hidden
    weights), every gate block reordered from torch's (input, forget, cell, output) to (i, f, o, c)."""
    if lstm.num_layers != 1 or not lstm.bidirectional:
        raise UnsupportedModel("this NER model has an LSTM of more than one layer or one direction")
    h = lstm.hidden_size
    order = torch.cat([torch.arange(0, 2 * h), torch.arange(3 * h, 4 * h), torch.arange(2 * h, 3 * h)])

    def weight(name: str, sfx: str) -> torch.Tensor:
        return getattr(lstm, f"{name}_l0{sfx}").detach()[order].contiguous()

    return [(weight("weight_ih", sfx), weight("bias_ih", sfx) + weight("bias_hh", sfx), weight("weight_hh", sfx))
            for sfx in ("", "_reverse")]


def load_trainer(ner_path, pretrain_path):
    """The NER model as `stanza.Pipeline` loads it: Stanza's Trainer with the pretrained vectors."""
    from stanza.models.common.pretrain import Pretrain
    from stanza.models.ner.trainer import Trainer

    args = {"charlm_forward_file": None, "charlm_backward_file": None}
    return Trainer(args=args, model_file=str(ner_path), pretrain=Pretrain(str(pretrain_path)), device="cpu")
