from dialogs.understanding import bench


def test_bench_reports_both_figures():
    figures, notes = bench.run({})
    assert set(figures) == {"intent_ms_median_demo", "intent_ms_median_2296"}
    assert all(isinstance(v, float) and v > 0 for v in figures.values())
    assert "2296 procedures" in notes["intent_ms_median_2296"]
