"""The shipped Stanza models load offline and tag Indonesian news."""
import shutil
import time

import pytest

from kg.annotate import Annotator, ModelsMissingError, default_models_dir
from kg.process import analyse, prepare
from kg.records import Article

pytestmark = pytest.mark.model


def test_models_load_offline_and_tag_people_places_organizations(no_network):
    t0 = time.perf_counter()
    ann = Annotator(threads=2)
    load = time.perf_counter() - t0
    art = Article("t.txt", "Presiden Abdurrahman Wahid bertemu Menteri Luar Negeri Retno Marsudi di Jakarta pada Senin. "
                           "Kementerian Keuangan dan Bank Indonesia hadir dalam rapat itu.")
    paragraphs, sents = prepare(art)
    res = analyse(art, paragraphs, sents, ann.tag([sents])[0])
    found = {(m.text, m.type) for m in res.mentions}
    assert ("Abdurrahman Wahid", "PERSON") in found and ("Jakarta", "LOCATION") in found
    assert any(t == "ORGANIZATION" for _, t in found)
    print(f"model load {load:.2f} s")


def test_a_missing_pretrain_is_an_error_not_random_vectors(tmp_path):
    models = tmp_path / "models"
    shutil.copytree(default_models_dir(), models)
    (models / "ner" / "pretrain.pt").unlink()
    with pytest.raises(ModelsMissingError, match="pretrain.pt"):
        Annotator(models)


class _Payload:
    """Unpickling this runs code: what a hostile model file would do."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_models_from_a_user_folder_load_with_the_safe_unpickler(tmp_path):
    import torch

    models = tmp_path / "models"
    shutil.copytree(default_models_dir(), models)
    marker = tmp_path / "code-ran"
    torch.save({"vocab": _Payload(marker), "emb": torch.zeros(1)}, models / "ner" / "pretrain.pt")
    with pytest.raises(Exception):
        Annotator(models)
    assert not marker.exists()
    # the packaged models, trusted like kg's code, still load (with the fast unpickler)
    assert Annotator().tag([]) == []
