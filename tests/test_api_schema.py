"""schemathesis over the served OpenAPI schema: whatever the parameters, no 5xx (bounded examples)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.api_support import build_store, serving, store_url
from tests.conftest import requires_model

pytestmark = [requires_model, pytest.mark.service]
EXAMPLES = 15  # per operation: about a minute in all


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with serving(build_store(store_url("sqlite", tmp_path_factory.mktemp("schema"), None))) as base:
        yield base


def test_no_operation_answers_with_a_server_error(served):
    schema = schemathesis.openapi.from_url(f"{served}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 11
    for operation in operations:

        @given(operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
        )
        def no_server_error(case):
            case.call_and_validate(checks=[not_a_server_error], timeout=60)

        no_server_error()
