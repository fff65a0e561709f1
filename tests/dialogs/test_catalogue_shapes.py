"""Catalogues from centre servers we did not write: the contract's shape, read leniently where
the meaning is plain, and one message naming the key where it is not."""
import pytest

from dialogs.catalogue import CatalogueError, parse_catalogue


def catalogue(**over):
    proc = {"id": 24443, "code": None, "name": "Đăng ký khai sinh", "field_id": 7,
            "aliases": None, "documents": None, "fee": None, "processing_time": None,
            "online": "none"}
    proc.update(over.pop("proc", {}))
    data = {"version": 3, "fields": [{"id": 7, "name": "Hộ tịch"}], "procedures": [proc],
            "counters": [{"id": 1, "number": "2", "field_ids": [7]}]}
    data.update(over)
    return data


def test_integer_ids_null_lists_and_unnamed_counters_are_read():
    cat = parse_catalogue(catalogue())
    p = cat.procedures[0]
    assert (p.id, p.field_id, p.aliases, p.documents) == ("24443", "7", (), ())
    c = cat.counters[0]
    assert (c.id, c.number, c.name, c.field_ids) == ("1", 2, "Quầy 2", ("7",))
    assert cat.field("7").name == "Hộ tịch"


@pytest.mark.parametrize("over, key", [
    ({"proc": {"aliases": "làm khai sinh"}}, "procedures[0].aliases"),
    ({"proc": {"name": None}}, "procedures[0].name"),
    ({"proc": {"field_id": 8}}, "procedures[0].field_id"),
    ({"counters": [{"id": 1, "number": "hai", "field_ids": [7]}]}, "counters[0].number"),
])
def test_what_cannot_be_read_is_named(over, key):
    with pytest.raises(CatalogueError) as err:
        parse_catalogue(catalogue(**over))
    assert key in str(err.value)
