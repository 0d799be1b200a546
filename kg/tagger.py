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
  (dropout is the identity there, so it is left out);
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


class UnsupportedModel(ValueError):
    """The model uses a Stanza feature this path does not reimplement (BERT, char LMs, several tag sets)."""


class FastTagger:
    """Tags lists of token texts with a loaded Stanza NER Trainer's model; see the module docstring."""

    def __init__(self, trainer, max_tokens: int = 4096, max_sentences: int = 256,
                 max_char_reps: int = 65536, max_remembered: int = 100_000):
        from stanza.models.ner.trainer import fix_singleton_tags

        self._fix_singletons = fix_singleton_tags
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
        self.max_tokens = max_tokens
        self.max_sentences = max_sentences
        self._ids: dict[str, tuple[int, int, tuple[int, ...]]] = {}
        self._rep_rows: dict[str, int] = {}  # word -> row of _reps, its character model output
        self._reps = torch.empty(max_char_reps, 2 * args["char_hidden_dim"])
        self._seen: dict[str, tuple[str, ...]] = {}  # sentence (tokens joined by NUL) -> its tags
        self.max_remembered = max_remembered

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
            self._add_char_reps([w for s in sentences for w in s])
            for batch in self._batches([len(s) for s in sentences]):
                for i, tag_ids in zip(batch, self._decode(*self._scores([sentences[i] for i in batch]))):
                    out[i] = self._tag_strings(tag_ids)
        return out

    # -- network -----------------------------------------------------------

    def _scores(self, sents: list[list[str]]) -> tuple[torch.Tensor, torch.Tensor, list[int]]:
        """Emission scores (batch x longest x tags) for sentences sorted longest first."""
        m = self.model
        lens = [len(s) for s in sents]
        longest = lens[0]
        lookup, rows = self._lookup, self._rep_rows
        ids = torch.tensor([[(*lookup(w)[:2], rows[w]) for w in s] + [(PAD_ID, PAD_ID, 0)] * (longest - len(s))
                            for s in sents])
        packed = pack_padded_sequence(ids, lens, batch_first=True)  # time-major rows, as Stanza's packed inputs
        tok = packed.data
        x = torch.cat([m.word_emb(tok[:, 0]) + m.delta_emb(tok[:, 1]), self._reps[tok[:, 2]]], 1)
        if m.input_transform is not None:
            x = m.input_transform(x)
        b = len(sents)
        h0 = m.taggerlstm_h_init.expand(-1, b, -1).contiguous()
        c0 = m.taggerlstm_c_init.expand(-1, b, -1).contiguous()
        out, _ = m.taggerlstm.lstm(PackedSequence(x, packed.batch_sizes), (h0, c0))
        logits = m.tag_clfs[0](out.data)
        padded = pad_packed_sequence(PackedSequence(logits, packed.batch_sizes), batch_first=True)[0]
        return padded, m.crits[0]._transitions, lens

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
        for i in range(0, len(new), self.max_sentences * 16):
            chunk = new[i:i + self.max_sentences * 16]
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
        active = [sum(1 for n in lens if n > t) for t in range(longest)]  # lens are sorted longest first
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
        return self._fix_singletons(tags)


def load_trainer(ner_path, pretrain_path):
    """The NER model as `stanza.Pipeline` loads it: Stanza's Trainer with the pretrained vectors."""
    from stanza.models.common.pretrain import Pretrain
    from stanza.models.ner.trainer import Trainer

    args = {"charlm_forward_file": None, "charlm_backward_file": None}
    return Trainer(args=args, model_file=str(ner_path), pretrain=Pretrain(str(pretrain_path)), device="cpu")
