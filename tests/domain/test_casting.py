"""Tests for automatic casting's gender guesses: from a role's name, from the script, and combined.

Only ``studio.domain.casting`` is exercised; no project, store or engine is involved.
"""

from __future__ import annotations

import pytest

from studio.domain.casting import (
    RoleInfo,
    VoiceInfo,
    auto_cast,
    guess_gender,
    guess_gender_from_script,
    guess_role_gender,
)

# ------------------------------------------------------------------------------------------------
# From the name


@pytest.mark.parametrize("name", ["苏晴", "林婉", "王雅琳", "陈静", "李娜", "欧阳娜娜", "小雪", "晴儿", "晴雯"])
def test_female_given_name_characters_say_female(name: str) -> None:
    assert guess_gender(name) == "female"


@pytest.mark.parametrize("name", ["张伟", "刘强", "李小龙", "王浩", "赵子豪", "阿强", "强子", "司马俊"])
def test_male_given_name_characters_say_male(name: str) -> None:
    assert guess_gender(name) == "male"


@pytest.mark.parametrize("name", ["龙飞", "梅长苏", "兰亭", "燕南天", "雷鸣"])
def test_a_surname_alone_never_decides(name: str) -> None:
    # 龙, 梅, 兰, 燕 are female or male given-name characters, but here they are the surname
    assert guess_gender(name) is None


@pytest.mark.parametrize("name", ["老王", "老梅", "小王"])
def test_a_nickname_made_of_a_surname_says_nothing(name: str) -> None:
    assert guess_gender(name) is None


@pytest.mark.parametrize("name", ["林秋", "陆明", "小雨", "晓月", "店员", "路人甲"])
def test_ambiguous_names_give_no_guess(name: str) -> None:
    assert guess_gender(name) is None


@pytest.mark.parametrize(("name", "gender"), [
    ("李先生", "male"), ("王小姐", "female"), ("陈伯", "male"), ("苏晴姐", "female"), ("夫人", "female"),
    ("公主", "female"), ("王子", "male"), ("姐夫", "male"), ("伯母", "female"), ("老太太", "female"),
    ("女警", "female"), ("男孩", "male"), ("龙哥", "male"), ("梅姨", "female"),
    ("Mr Li", "male"), ("Mrs Chen", "female"), ("Miss Lin", "female"), ("Sir Tom", "male"),
])
def test_titles_and_forms_of_address_say_the_gender(name: str, gender: str) -> None:
    assert guess_gender(name) == gender


def test_a_surname_and_given_name_are_not_read_as_a_title() -> None:
    assert guess_gender("王子") == "male"
    assert guess_gender("王子涵") is None  # surname 王, given name 子涵


@pytest.mark.parametrize(("name", "gender"), [
    ("Sarah", "female"), ("Emily Stone", "female"), ("Olivia", "female"), ("Jennifer", "female"),
    ("Tom", "male"), ("William Hart", "male"), ("Daniel", "male"), ("Oliver", "male"),
])
def test_english_given_names(name: str, gender: str) -> None:
    assert guess_gender(name) == gender


@pytest.mark.parametrize("name", ["王雅杰", "苏婷强", "Mrs John", "Lady Tom", "Sarah Jack"])
def test_conflicting_name_evidence_gives_none(name: str) -> None:
    assert guess_gender(name) is None


def test_surname_in_pinyin_does_not_decide() -> None:
    assert guess_gender("Lu Chen") is None
    assert guess_gender("Lin Wan") is None


# ------------------------------------------------------------------------------------------------
# From the script


def test_chinese_pronoun_after_the_name_in_the_same_sentence() -> None:
    texts = ["苏晴抬起头，她的眼睛红了。", "苏晴她不会回来了。"]
    assert guess_gender_from_script("苏晴", texts) == "female"
    texts = ["陆沉转过身，他笑了。", "陆沉停下脚步，他回头看了一眼。"]
    assert guess_gender_from_script("陆沉", texts) == "male"


def test_a_pronoun_in_the_next_sentence_or_as_an_object_does_not_count() -> None:
    texts = ["林晚看着他。", "林晚走了。他追了出去。", "林晚推开他，没有说话。"]
    assert guess_gender_from_script("林晚", texts) is None


def test_chinese_forms_of_address() -> None:
    assert guess_gender_from_script("苏晴", ["苏晴姐，你来了！", "晴姐别走。"]) == "female"
    assert guess_gender_from_script("苏晴", ["苏小姐，请坐。", "苏晴姐！"]) == "female"
    assert guess_gender_from_script("陆沉", ["陆沉哥！", "陆先生，这边请。"]) == "male"


def test_one_hit_is_not_enough() -> None:
    assert guess_gender_from_script("苏晴", ["苏晴抬起头，她笑了。"]) is None


def test_evidence_must_be_three_to_one() -> None:
    female_three = ["林晚抬起头，她笑了。"] * 3
    assert guess_gender_from_script("林晚", female_three + ["林晚哥！"]) == "female"
    assert guess_gender_from_script("林晚", female_three + ["林晚哥！", "林晚哥！"]) is None


def test_english_pronouns_in_the_same_sentence() -> None:
    texts = ["Lin Wan looked up, her eyes red.", "Lin Wan sighed and she left the room.",
             "Lin Wan looked at him."]
    assert guess_gender_from_script("Lin Wan", texts) == "female"
    texts = ["Lu Chen smiled, his hands in his pockets.", "Lu Chen said he would wait."]
    assert guess_gender_from_script("Lu Chen", texts) == "male"


def test_english_object_pronouns_about_someone_else_do_not_count() -> None:
    texts = ["Lin Wan looked at him.", "Lin Wan took his hand.", "Lin Wan kissed him."]
    assert guess_gender_from_script("Lin Wan", texts) is None


def test_english_forms_of_address() -> None:
    assert guess_gender_from_script("Lin Wan", ["Miss Lin, please sit.", "Thank you, Miss Lin."]) == "female"
    assert guess_gender_from_script("Lu Chen", ["Mr. Lu is here.", "Mr Lu, wait!"]) == "male"


def test_an_english_name_matches_only_as_a_capitalised_word() -> None:
    texts = ["You will see, he said.", "It will rain, she thought.", "Nobody will come, he knew."]
    assert guess_gender_from_script("Will", texts) is None


def test_the_narrator_gets_no_gender_from_the_script() -> None:
    assert guess_gender_from_script("旁白", ["旁白响起，她说。", "旁白响起，她说。"]) is None


# ------------------------------------------------------------------------------------------------
# Combined


def test_the_name_comes_before_the_script() -> None:
    texts = ["苏晴转过身，他笑了。", "苏晴停下，他回头。"]  # the script (wrongly) says male twice
    assert guess_role_gender("苏晴", texts) == "female"


def test_the_script_decides_when_the_name_says_nothing() -> None:
    texts = ["林秋抬起头，她的眼睛红了。", "林秋姐，你来了。"]
    assert guess_gender("林秋") is None
    assert guess_role_gender("林秋", texts) == "female"


def test_a_conflicting_name_gives_none_whatever_the_script_says() -> None:
    assert guess_role_gender("王雅杰", ["王雅杰抬起头，她笑了。", "王雅杰姐！"]) is None


def test_a_narrator_name_gives_none() -> None:
    assert guess_role_gender("旁白", ["旁白她说"] * 3) is None
    assert guess_role_gender("Narrator", []) is None


# ------------------------------------------------------------------------------------------------
# auto_cast


BOTH = [VoiceInfo("young_man", "male", "young"), VoiceInfo("young_woman", "female", "young")]


@pytest.mark.parametrize("voices", [BOTH, BOTH[::-1]], ids=["male first", "female first"])
def test_su_qing_with_no_stated_gender_gets_a_female_voice(voices: list[VoiceInfo]) -> None:
    assert auto_cast([RoleInfo(1, "苏晴")], voices) == {1: "young_woman"}


def test_a_stated_gender_wins_over_the_name() -> None:
    assert auto_cast([RoleInfo(1, "苏晴", gender="male")], BOTH[::-1]) == {1: "young_man"}
    assert auto_cast([RoleInfo(1, "张伟", gender="female")], BOTH) == {1: "young_woman"}


def test_a_stated_gender_wins_over_the_script() -> None:
    texts = ("林晚抬起头，她的眼睛红了。", "林晚姐，你来了。")
    assert auto_cast([RoleInfo(1, "林晚", gender="male", texts=texts)], BOTH[::-1]) == {1: "young_man"}


def test_script_texts_on_a_role_guide_the_cast() -> None:
    texts = ("林秋抬起头，她的眼睛红了。", "林秋姐，你来了。")
    assert auto_cast([RoleInfo(1, "林秋", texts=texts)], BOTH) == {1: "young_woman"}
    assert auto_cast([RoleInfo(1, "林秋")], BOTH) == {1: "young_man"}  # without them: no preference


@pytest.mark.parametrize("voices", [BOTH, BOTH[::-1]], ids=["male first", "female first"])
def test_a_conflicting_name_gets_no_gender_preference(voices: list[VoiceInfo]) -> None:
    assert guess_role_gender("王雅杰", []) is None
    assert auto_cast([RoleInfo(1, "王雅杰")], voices) == {1: voices[0].voice_id}


def test_the_usual_short_drama_lead_names_have_their_gender() -> None:
    from studio.domain.casting import guess_gender

    assert [guess_gender(n) for n in ("林晚", "苏晚", "陆沉", "顾沉")] == ["female", "female", "male", "male"]
