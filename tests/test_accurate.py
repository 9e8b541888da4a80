"""The accurate role tagger (fine-tuned MiniLM) loads from the package and tags an invented paragraph."""

import importlib.util

import pytest

from onrecord.nlp.roles import MODELS_DIR

ACCURATE = MODELS_DIR / "roles-accurate"

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(
        importlib.util.find_spec("transformers") is None,
        reason="transformers is not installed: pip install -c constraints.txt -e '.[accurate]'",
    ),
    pytest.mark.skipif(
        not (ACCURATE / "config.json").exists(),
        reason=f"the accurate role tagger is missing at {ACCURATE}: run train/accurate.py",
    ),
]

PARAGRAPH = "“We will not back down,” Mayor Ana Ruiz said on Tuesday."


@pytest.fixture(scope="module")
def tagger():
    from onrecord.nlp.roles import load_role_tagger

    return load_role_tagger("accurate")


def test_tags_source_cue_and_content(tagger):
    (found,) = list(tagger.tag([PARAGRAPH]))
    texts = {}
    for role_span in found:
        assert 0 <= role_span.span.start < role_span.span.end <= len(PARAGRAPH)
        texts.setdefault(role_span.label, []).append(role_span.span.text(PARAGRAPH))
    assert set(texts) == {"SOURCE", "CUE", "CONTENT"}, texts
    assert any("Ana Ruiz" in source for source in texts["SOURCE"]), texts
    assert texts["CUE"] == ["said"], texts
    assert any(content.strip("“”,\" ") == "We will not back down" for content in texts["CONTENT"]), texts


def test_one_result_per_paragraph_and_offsets_are_local(tagger):
    long = " ".join([PARAGRAPH] * 30)  # about 600 wordpieces: tagged in overlapping windows
    paragraphs = ["", "The weather was fine.", PARAGRAPH, "  " + PARAGRAPH, long]
    results = list(tagger.tag(iter(paragraphs)))
    assert len(results) == len(paragraphs)
    assert results[0] == []
    for paragraph, found in zip(paragraphs, results):
        for role_span in found:
            text = role_span.span.text(paragraph)
            assert text and text == text.strip()
    cues = [r.span.start for r in results[-1] if r.label == "CUE"]
    assert min(cues) < len(long) // 10 and max(cues) > len(long) * 9 // 10  # windows cover it all


def test_members_ship_without_the_frozen_word_table_and_average_to_themselves(tagger):
    """Each packaged member lacks the word embedding table (read from the base encoder instead), and
    an ensemble of a member with itself reads exactly what the member reads alone."""
    from safetensors import safe_open

    from onrecord.nlp.accurate import TransformerRoleTagger
    from onrecord.nlp.minilm import SHARED_WEIGHT, member_paths

    files = member_paths(ACCURATE)
    assert files
    for file in files:
        with safe_open(str(file), "pt") as weights:
            assert SHARED_WEIGHT not in weights.keys()
    member = tagger.models[0]
    alone = TransformerRoleTagger([member], tagger.tokenizer)
    twice = TransformerRoleTagger([member, member], tagger.tokenizer)
    paragraphs = [PARAGRAPH, "Officials, speaking on condition of anonymity, said the plan was dead."]
    assert list(twice.tag(paragraphs)) == list(alone.tag(paragraphs))


def test_two_jobs_run_the_transformer_in_spawned_workers_and_agree_with_one():
    """A process whose torch thread pool has started cannot fork workers that use it (they deadlock):
    the accurate pipeline's workers are spawned, and give what one process gives."""
    from onrecord.ingest import read_sources
    from onrecord.model import Article
    from onrecord.pipeline import Extractor, _worker_processes
    from tests.conftest import REPO

    extractor = Extractor("accurate")
    assert not extractor.fork_safe and _worker_processes(extractor).get_start_method() == "spawn"
    articles = [a for a in read_sources([REPO / "examples"]) if isinstance(a, Article)][:2]
    one = list(extractor.extract_articles(articles, jobs=1))
    assert list(extractor.extract_articles(articles, jobs=2)) == one
    assert sum(len(found) for _, found in one) > 0
