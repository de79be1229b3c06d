"""A character the capture lost, followed by the pinyin a mirror inserted after it, is recovered
from that reading (build_tools.mojibake with build_tools.pinyin.recover); □ stays where the
reading does not tell. Every capture here is written for this test."""

import pytest

from build_tools import mojibake, pinyin
from build_tools.clean import clean, clean_text


def _recovered(before: str, char: str, reading: str) -> str:
    return f"illegible character after '{before}' recovered as '{char}' from the inserted reading '({reading})'"


# --- through the clean stage -------------------------------------------------------------------

def test_tone_marked_reading():
    cleaned = clean("广安日□(bào)")
    assert cleaned.lines == ("广安日报",)
    assert cleaned.warnings == ((0, _recovered("广安日", "报", "bào")),)


@pytest.mark.parametrize("lost", ["□", "?", "\ufffd"])
def test_every_form_a_lost_character_takes(lost):
    assert clean_text(f"记者从广安日{lost}(bào)编辑部获悉") == "记者从广安日报编辑部获悉"


def test_a_character_a_mirror_turned_into_two_lost_readings():
    """'日?qǐng)?bào)': each '(' went with a lost character; the second reading is the character's own."""
    assert clean_text("某某日?qǐng)?bào)·某某客戶(hù)端記者 宋某 文/圖") == "某某日報·某某客戶端記者 宋某 文/圖"
    assert clean_text("某某日?qǐng)?bào)记者从现场发回报道") == "某某日报记者从现场发回报道"


def test_traditional_capture_gets_a_traditional_character():
    assert clean_text("廣安日□(bào)") == "廣安日報"
    assert clean_text("他在銀?(hang) 工作") == "他在銀行工作"


def test_toneless_reading_with_the_word_elsewhere_on_the_page():
    capture = "来源：广安日报\n广安日□(bao) 社长介绍了情况。"
    cleaned = clean(capture)
    assert cleaned.lines == ("来源：广安日报", "广安日报社长介绍了情况。")
    assert cleaned.warnings == ((1, _recovered("广安日", "报", "bao")),)


def test_toneless_reading_with_a_word_from_the_phrase_list():
    # 行 is usually xíng; 银行 in pypinyin's phrase list reads it háng
    assert clean_text("他在银?(hang) 工作") == "他在银行工作"


def test_readings_on_every_character():
    assert clean_text("广(guǎng)安(ān)日(rì)?(bào)社(shè)") == "广安日报社"


def test_lost_character_without_a_reading_stays_marked_with_a_warning():
    cleaned = clean("广安日\ufffd，社长介绍了情况。")
    assert cleaned.lines == ("广安日□，社长介绍了情况。",)
    assert cleaned.warnings == ((0, "illegible character(s) after '广安日' marked □ (capture lost the bytes)"),)
    assert clean_text("广安日□，社长介绍了情况。") == "广安日□，社长介绍了情况。"


def test_reading_that_does_not_tell_which_character_leaves_the_mark():
    # 报, 保 and 包 are all bao and about as common; nothing around says which
    cleaned = clean("他说：?(bao) 好了。")
    assert cleaned.lines == ("他说：□好了。",)
    assert cleaned.warnings == ((0, "illegible character(s) after '他说：' marked □ (capture lost the bytes)"),)


def test_reading_whose_bracket_was_lost_comes_from_misaligned_bytes_and_is_not_used():
    assert clean_text("到?jīng)Q堤") == "到□堤"


@pytest.mark.parametrize("text", [
    "广安日报记者从市委组织部获悉，全市已有两千多名党员到社区报到。",
    "你好吗?(笑)他说。",
    "鄉鎮(街道)幹部(作者單位:西寧)",
    "你来了吗?(ma)",
    "他问：你来吗?，我说好。",
    "是不是?；的确?，",
])
def test_text_without_lost_characters_is_unchanged_by_the_repair(text):
    assert mojibake.repair(text) == (text, [])


def test_clean_text_without_lost_characters():
    text = "广安日报记者从市委组织部获悉，全市已有两千多名党员到社区报到。"
    assert clean_text(text) == text
    assert clean(text).warnings == ()


def test_recovered_text_is_clean_already():
    once = clean_text("廣安日?(bào)記者\n他在银?(hang) 工作")
    assert clean_text(once) == once


# --- pinyin.recover and pinyin.candidates --------------------------------------------------------

def test_recover_by_frequency():
    assert pinyin.recover("bào", "日", "") == "报"
    assert pinyin.recover("guó", "和", "") == "国"


def test_recover_prefers_a_word_with_a_neighbour():
    assert pinyin.recover("háng", "银", "") == "行"
    assert pinyin.recover("hang", "", "业") == "行"
    assert pinyin.recover("bao", "日", "", page="广安日报社") == "报"


def test_recover_in_traditional():
    assert pinyin.recover("bào", "日", "", traditional=True) == "報"
    assert pinyin.recover("bào", "日", "", traditional=False) == "报"


def test_recover_gives_up_where_nothing_tells():
    assert pinyin.recover("bao") is None  # 报, 保: a near tie
    assert pinyin.recover("xyz", "日", "") is None  # not a reading


def test_candidates():
    chars = [char for char, _likelihood in pinyin.candidates("bào")]
    assert chars[0] == "报" and "抱" in chars and "暴" in chars
    assert "報" not in chars  # Simplified forms only; the script is chosen afterwards
    assert [c for c, _ in pinyin.candidates("bao")][:2] == ["报", "保"]  # toneless: every tone
    assert pinyin.candidates("covid") == ()


# --- bytes one out of step after a lost lead byte ---------------------------------------------

def test_a_lost_lead_byte_whose_guess_is_not_clear_is_marked():
    """'受災?kè)罕姺Q': the bytes after the lost one are 眾稱; what the lost lead byte made with the
    first of them is not clear (several characters score alike and none forms a word with 災),
    so that character is marked, not guessed."""
    text, warnings = mojibake.repair("受災?kè)罕姺Q讚黨員。")
    assert text == "受災□眾稱讚黨員。"
    assert len(warnings) == 1


def test_a_lost_lead_byte_guessed_from_the_word_it_makes():
    """'被當?shù)厝罕姺Q為': 地 alone of the close guesses makes a word with 當."""
    assert mojibake.repair("被當?shù)厝罕姺Q為家園")[0] == "被當地群眾稱為家園"


def test_a_lost_trail_byte_before_punctuation_is_marked():
    assert mojibake.repair("雨越下越大?Ｋ麄冇只氐降躺?，繼續巡查。")[0] == "雨越下越大。他們又回到堤□，繼續巡查。"


# --- a closing tag whose '<' took the bytes of the marks before it -------------------------------

@pytest.mark.parametrize("text, expected", [
    # inside a quotation still open on the line: the full stop and the closing quotation mark
    ("吴某说，“我将继续接受组织的考验?!?/p>", "吴某说，“我将继续接受组织的考验。”"),
    # no quotation open: the full stop alone
    ("某某镇网格员随时关注返乡人员情况?!?/span>", "某某镇网格员随时关注返乡人员情况。"),
    ("他说：“我先上。”大家随后跟上?!/p>", "他说：“我先上。”大家随后跟上。"),
])
def test_a_swallowed_full_stop_comes_back(text, expected):
    assert clean_text(text) == expected


def test_a_trail_byte_in_ascii_ends_the_stretch():
    """'@' is the trail byte of 這 (GBK DF40): the decoder is back in step there, it is no mark."""
    assert mojibake.repair("因?yàn)閺倪@里發出的通知")[0] == "因為從這里發出的通知"


def test_a_full_width_mark_a_copy_normalised_is_part_of_the_stretch():
    """'=' below 0x40 is no trail byte: it was '＝', one of the mispaired characters."""
    assert mojibake.repair("不能讓一名群眾受困?!贝迕裢醭=鹫f。")[0] == "不能讓一名群眾受困。”村民王常金說。"


def test_no_repair_where_the_text_after_the_stretch_is_still_out_of_step():
    """'下?lián)艿膶m楛h費' (下撥的專項黨費 with more bytes lost than one): the 'm' after the stretch is
    no fall back into step, since '楛h' after it is still garbled; a reading there would put in a
    wrong character (宮 for 專), so the stretch is marked illegible instead."""
    text, _ = mojibake.repair("利用集團黨委下?lián)艿膶m楛h費和公司")
    assert "宮" not in text and "□" in text


def test_one_character_before_a_lost_trail_byte_is_not_read():
    """'勇?lián)厝?、' (勇擔重任、 with bytes dropped): one character between the lost lead byte and a lost
    trail byte confirms nothing; reading it put in '地'. It is marked illegible."""
    text, _ = mojibake.repair("全市不少工作者挺身而出、勇?lián)厝?、經受住嚴峻考驗")
    assert "地" not in text and "□" in text
