"""kg's fast tagger gives the same tags as stanza.Pipeline with the same model, token for token."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.records import Sentence, Token

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"  # shared/ sits beside the repo

# Invented sentences; the pieces are recombined below into a few hundred more.
INVENTED = [
    "Gubernur Sulawesi Tengah Rahmat Hidayatullah meresmikan jembatan baru di Palu pada Kamis pagi .",
    "Kepala Badan Pusat Statistik mengatakan inflasi Mei turun menjadi 2,7 persen .",
    '" Kami tidak akan mundur , " kata Ketua Serikat Nelayan Pesisir , Wayan Suartana , kepada wartawan .',
    "PT Sinar Bahari Nusantara menandatangani kontrak senilai Rp 4,5 triliun dengan Pemerintah Kabupaten Natuna .",
    "Menteri Luar Negeri Finlandia bertemu rekannya dari Chile di Jenewa , Swiss .",
    "Warga Desa Sukamaju , Kecamatan Cibeber , mengungsi setelah banjir bandang menerjang permukiman mereka .",
    "Polda Kalimantan Barat menahan tiga tersangka penyelundupan kayu di Pelabuhan Dwikora .",
    "Dr. Siti Nurhaliza Pratiwi dari Universitas Gadjah Mada menyebut temuan itu penting .",
    "Presiden Brasil dijadwalkan berkunjung ke Jakarta dan Surabaya bulan depan .",
    "Ia mengatakan KPK masih menunggu hasil audit BPK atas proyek tersebut .",
    "Tim SAR gabungan menemukan korban ketiga sekitar 2 kilometer dari lokasi kejadian .",
    "Bank Dunia memperkirakan ekonomi Asia Timur tumbuh 4,8 persen tahun ini .",
]
NAMES = ["Agus Salimun", "Maria Goreti Lamablawa", "Hendrik Sitanggang", "Nyoman Ardika", "Fatimah Azzahra",
         "Komisi Pemilihan Umum", "Dinas Kesehatan Kota Ambon", "Gunung Lewotobi", "Teluk Tomini", "Qatar"]
VERBS = ["mengatakan", "menilai", "membantah", "mengunjungi", "bertemu dengan", "melaporkan"]
UNKNOWN = ["Zxqvbrt", "Ngabehi-Soerjo", "qwrtypsdf", "Ⅷ", "😀", "مرحبا", "北京", "Ꙩꙩ", "ŽŠČ", "ǅemal", "x" * 60]
ODD = ["\x07", "\x1b[0m", "\u200b", "\ufeff", "Jakarta\x00", "\t", "a b", "New\xa0York", "İstanbul", "ẞ"]


def _sentence(words: list[str]) -> Sentence:
    toks, pos = [], 0
    for w in words:
        toks.append(Token(w, pos, pos + len(w)))
        pos += len(w) + 1
    return Sentence(0, pos, tuple(toks), 0)


def _ud_sentences(limit: int) -> list[list[str]]:
    """Token forms of every k-th sentence of the UD Indonesian test sets, when the corpora are there."""
    sents: list[list[str]] = []
    for path in sorted(CORPORA.glob("ud-id-*/*test.conllu")):
        cur: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit():
                    cur.append(cols[1])
    step = max(1, len(sents) // limit)
    return sents[::step][:limit]


def _sentences() -> list[list[str]]:
    rng = random.Random(13)
    sents = [s.split() for s in INVENTED]
    for _ in range(200):
        words = [*rng.choice(NAMES).split(), *rng.choice(VERBS).split(), *rng.choice(NAMES).split()]
        if rng.random() < 0.4:
            words.insert(rng.randrange(len(words) + 1), rng.choice(UNKNOWN))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words) + 1), rng.choice(ODD))
        sents.append([*words, "."])
    sents += [[w] for w in NAMES + UNKNOWN + ODD]  # one-token sentences
    ud = _ud_sentences(300)
    sents += ud
    pool = [w for s in sents for w in s]
    sents.append([rng.choice(pool) for _ in range(120)])  # as long as kg's segmenter allows
    sents.append([rng.choice(pool) for _ in range(400)])  # longer than any batch limit in tokens
    sents.append(sum(ud[:12], []) or pool[:150])  # real text run together
    return sents


@pytest.fixture(scope="module")
def both():
    from kg.annotate import Annotator

    fast, stanza = Annotator(threads=2), Annotator(threads=2, tagger="stanza")
    assert fast.tagger == "fast" and stanza.tagger == "stanza"
    return fast, stanza


@pytest.mark.model
def test_fast_tagger_gives_stanza_pipelines_tags_token_for_token(both):
    fast, stanza = both
    sents = [_sentence(s) for s in _sentences()]
    rng = random.Random(5)
    rng.shuffle(sents)
    docs, i = [], 0
    while i < len(sents):  # documents of varied sizes, one of them empty
        n = rng.randrange(0, 40)
        docs.append(sents[i:i + n])
        i += n
    got, want = fast.tag(docs), stanza.tag(docs)
    assert [len(d) for d in got] == [len(d) for d in docs]
    assert got == want
    tags = [t for d in got for s in d for t in s]
    assert any(t != "O" for t in tags) and len(tags) == sum(len(s.tokens) for s in sents)
    # a second call (character cache warm) and a single sentence alone agree too
    assert fast.tag(docs[:3]) == want[:3]
    one = next(s for d in docs for s in d if len(s.tokens) > 10)
    assert fast.tag([[one]]) == stanza.tag([[one]])


@pytest.mark.model
def test_repeated_sentences_get_the_tags_they_get_alone_also_when_the_memo_is_full(both):
    fast, stanza = both
    sents = [_sentence(s) for s in _sentences()[:40]]
    want = stanza.tag([sents])
    fast.fast.max_remembered = 7  # cleared again and again below
    try:
        for docs in ([sents], [sents[:5], sents, sents[3:9]], [sents[::-1]]):
            got = fast.tag(docs)
            assert got == [[want[0][sents.index(s)] for s in d] for d in docs]
    finally:
        fast.fast.max_remembered = 100_000


@pytest.mark.model
def test_tags_are_the_same_when_the_kept_input_products_run_out(both):
    """Words past the kept table's room are computed in each call, in the rows after the kept ones."""
    import torch

    fast, stanza = both
    sents = [_sentence(s) for s in _sentences()[:60]]
    want = stanza.tag([sents])
    ft = fast.fast
    saved = ft._gate_tables, ft._gate_rows, ft.max_kept
    ft.max_remembered = 0  # every sentence through the network, none from the memo
    try:
        # room for 25 kept words, and no spare rows (they grow) or far more than the calls need (they shrink)
        for spare in (0, 50_000):
            ft._gate_tables = [torch.empty(25 + spare, t.shape[1]) for t in saved[0]]
            ft._gate_rows, ft.max_kept = {}, 25
            for docs in ([sents[:20]], [sents], [sents[10:], sents[:10]]):
                assert fast.tag(docs) == [[want[0][sents.index(s)] for s in d] for d in docs]
            assert len(ft._gate_rows) == 25
            assert 25 < len(ft._gate_tables[0]) < 25 + 50_000
    finally:
        ft._gate_tables, ft._gate_rows, ft.max_kept = saved
        ft.max_remembered = 100_000


@pytest.mark.model
def test_empty_input(both):
    fast, _ = both
    assert fast.tag([]) == []
    assert fast.tag([[], []]) == [[], []]


def test_batched_viterbi_matches_stanzas_per_sentence_decode():
    """Random scores with many exact ties: same path as Stanza's NumPy viterbi_decode, and in the caller's order."""
    torch = pytest.importorskip("torch")
    from stanza.models.common.crf import viterbi_decode

    from kg.tagger import FastTagger

    gen = torch.Generator().manual_seed(3)
    lens = sorted((int(n) for n in torch.randint(1, 30, (40,), generator=gen)), reverse=True)
    scores = torch.randint(-3, 3, (len(lens), lens[0], 9), generator=gen).float()  # integers: ties everywhere
    trans = torch.randint(-2, 2, (9, 9), generator=gen).float()
    got = FastTagger._decode(scores, trans, lens)
    want = [[int(x) for x in viterbi_decode(scores[i, :n].numpy(), trans.numpy())[0]] for i, n in enumerate(lens)]
    assert got == want


def test_singleton_fix_is_stanzas():
    """kg's fix_singletons gives what Stanza's fix_singleton_tags gives, on every kind of run of tags."""
    pytest.importorskip("stanza")
    import random

    from stanza.models.ner.trainer import fix_singleton_tags

    from kg.tagger import fix_singletons

    rng = random.Random(7)
    tags = ["O"] + [f"{p}-{k}" for p in "BIES" for k in ("PER", "ORG")]
    for _ in range(20_000):
        seq = [rng.choice(tags) for _ in range(rng.randint(1, 8))]
        assert fix_singletons(seq) == fix_singleton_tags(seq), seq


def _stanza_scores(pipeline, sents: list[list[str]]):
    """Emission scores per sentence from Stanza's own DataLoader and NERTagger.forward."""
    import torch
    from stanza.models.ner.data import DataLoader
    from stanza.models.ner.trainer import unpack_batch

    ner = pipeline.processors["ner"]
    trainer, config = ner.trainers[0], ner.configs[0]
    trainer.model.eval()  # as Trainer.predict does: no dropout
    doc = pipeline.processors["tokenize"].process(sents)
    out = []
    with torch.no_grad():
        for b in DataLoader(doc, config["batch_size"], config, vocab=trainer.vocab, evaluation=True,
                            preprocess_tags=False):
            inputs, orig_idx, word_orig_idx, char_orig_idx, sentlens, wordlens, charlens, charoffsets = \
                unpack_batch(b, "cpu")
            word, wordchars, wordchars_mask, chars, tags = inputs
            _, logits, _ = trainer.model(word, wordchars, wordchars_mask, tags, word_orig_idx, sentlens, wordlens,
                                         chars, charoffsets, charlens, char_orig_idx)
            batch = [logits[0][i, :n] for i, n in enumerate(sentlens)]
            out += [batch[orig_idx.index(i)] for i in range(len(batch))]
    return out


@pytest.mark.model
def test_fast_scores_are_stanzas_network_outputs(both):
    """The network itself, not only the decoded tags: every input feature counts (words, delta words, characters)."""
    import torch

    fast, stanza = both
    sents = [s for s in _sentences() if s][:300]
    want = _stanza_scores(stanza.pipeline, sents)
    ft = fast.fast
    got = [None] * len(sents)
    with torch.inference_mode():
        words = list(dict.fromkeys(w for s in sents for w in s))
        ft._add_char_reps(words)
        gates, index_of = ft._input_gates(words)
        for batch in ft._batches([len(s) for s in sents]):
            scores, _, lens = ft._scores(gates, [[index_of[w] for w in sents[i]] for i in batch])
            for row, (i, n) in enumerate(zip(batch, lens)):
                got[i] = scores[row, :n]
    worst = max(float((g - w).abs().max()) for g, w in zip(got, want))
    assert worst < 1e-4, worst  # only float rounding differs (batches of other shapes)
