"""Auto-casting that keeps voices apart which sound alike: the pure rules, with likeness tables written out."""

from __future__ import annotations

import itertools

from studio.domain.casting import ALIKE_AT, RoleInfo, VoiceInfo, auto_cast, scene_pairs


def table(pairs: dict[tuple[str, str], float], default: float = 0.5):  # type: ignore[no-untyped-def]
    def likeness(a: str, b: str) -> float:
        return 1.0 if a == b else pairs.get((a, b), pairs.get((b, a), default))

    return likeness


WOMEN = [VoiceInfo("lead", "female", "young"), VoiceInfo("girl", "female", "young"),
         VoiceInfo("second", "female", "young")]


def test_without_a_likeness_the_cast_is_the_old_one() -> None:
    roles = [RoleInfo(1, "苏晴", line_count=9), RoleInfo(2, "林晚", line_count=5)]
    assert auto_cast(roles, WOMEN) == {1: "lead", 2: "girl"}  # the palette's order among equal fits


def test_a_voice_that_sounds_like_another_roles_is_passed_over() -> None:
    roles = [RoleInfo(1, "苏晴", line_count=9), RoleInfo(2, "林晚", line_count=5)]
    like = table({("lead", "girl"): 0.95})
    assert auto_cast(roles, WOMEN, likeness=like) == {1: "lead", 2: "second"}
    # an unmeasured pair (None) is not alike
    assert auto_cast(roles, WOMEN, likeness=lambda a, b: None) == {1: "lead", 2: "girl"}


def test_voices_already_taken_count_too() -> None:
    like = table({("lead", "girl"): 0.93})
    assert auto_cast([RoleInfo(2, "林晚")], WOMEN, {1: "lead"}, likeness=like) == {2: "second"}


def test_the_gender_still_comes_before_sounding_apart() -> None:
    voices = WOMEN[:2] + [VoiceInfo("man", "male", "adult")]
    roles = [RoleInfo(1, "苏晴", line_count=9), RoleInfo(2, "林晚", line_count=5)]
    like = table({("lead", "girl"): 0.97})
    assert auto_cast(roles, voices, likeness=like) == {1: "lead", 2: "girl"}


def test_among_equal_fits_the_least_alike_voice_wins() -> None:
    roles = [RoleInfo(1, "苏晴", line_count=9), RoleInfo(2, "林晚", line_count=5)]
    like = table({("lead", "girl"): 0.85, ("lead", "second"): 0.6, ("girl", "second"): 0.8})  # none alike
    assert auto_cast(roles, WOMEN, likeness=like) == {1: "lead", 2: "second"}


def test_roles_that_share_scenes_are_kept_apart_first() -> None:
    # Three women, three voices: lead and girl sound alike, so one alike pair is unavoidable. 苏晴 and 林晚
    # speak to each other all the time; 王婆 is in another episode. The alike pair must be the one with her,
    # although she has more lines than 林晚 (so the first pass casts her before 林晚).
    voices = [VoiceInfo("lead", "female", "young"), VoiceInfo("girl", "female", "young"),
              VoiceInfo("third", "female", "young")]
    like = table({("lead", "girl"): 0.95}, default=0.6)
    roles = [RoleInfo(1, "苏晴", line_count=20), RoleInfo(2, "林晚", line_count=10), RoleInfo(3, "王婉", line_count=15)]
    together = scene_pairs([[1, 2, 1, 2, 1, 2], [3, 3, 3]])
    cast = auto_cast(roles, voices, likeness=like, together=together)
    assert sorted(cast.values()) == ["girl", "lead", "third"]
    assert not like(cast[1], cast[2]) >= ALIKE_AT  # the pair that share scenes sounds apart
    assert like(cast[3], cast[1]) >= ALIKE_AT or like(cast[3], cast[2]) >= ALIKE_AT


def test_as_many_distinct_voices_as_the_palette_allows() -> None:
    # Eight voices in four alike pairs (a ≈ A ...): four roles get one of each pair, whatever the order.
    voices = [VoiceInfo(v, "female", "young") for v in "aAbBcCdD"]
    like = table({(x, x.upper()): 0.95 for x in "abcd"}, default=0.6)
    for order in itertools.islice(itertools.permutations(voices), 0, 200, 7):
        roles = [RoleInfo(i, f"女{i}", gender="female", line_count=10 - i) for i in range(4)]
        cast = auto_cast(roles, list(order), likeness=like)
        assert all(like(a, b) < ALIKE_AT for a, b in itertools.combinations(cast.values(), 2)), cast


def test_scene_pairs_count_the_pairs_of_nearby_lines_of_two_roles() -> None:
    pairs = scene_pairs([[1, 2, None, 3, 1, 1, 1, 1, 2]], near=2)
    assert pairs[frozenset((1, 2))] == 3  # lines 0-1, 6-8 and 7-8
    assert pairs[frozenset((2, 3))] == 1  # lines 1-3 (a line without a role between them)
    assert pairs[frozenset((1, 3))] == 2  # lines 3-4 and 3-5 (0-3 is too far)
    assert frozenset((1,)) not in pairs
    assert scene_pairs([[1], [2]]) == {}  # different episodes never share a scene
