"""Every flow of the dialog machine, its timeouts and failure paths."""
import dataclasses

from dialogs.effects import CallStaff, IssueTicket, Listen, LookupDossier, PrintTicket, Show
from dialogs.events import (CentreUnavailable, DossierLooked, Heard, HeardPartial, LanguageChosen,
                            PersonArrived, PersonLeft, PrinterFailed, Scanned, SpeechDone, Tick,
                            TicketIssued, TicketPrinted, Touched, to_json)
from dialogs.values import Dossier, ScannedCode, Ticket

from tests.dialogs.conftest import make_state
from tests.dialogs.helpers import of_type, run, run_out_clock, said


def ticket(**kw):
    base = dict(ticket_id="T1", number="0125", counter_id="C1", counter_number=1,
                procedure_id="P1", people_ahead=4, estimated_wait_s=600)
    base.update(kw)
    return Ticket(**base)


def test_birth_registration_in_words_to_printed_ticket_and_back_to_idle(idle):
    s, fx = run(idle, PersonArrived())
    assert s.name == "greeting" and said(fx) and of_type(fx, Listen)
    s, fx = run(s, Heard("cho tôi hỏi làm giấy khai sinh cho con ở đâu ạ"))
    assert s.name == "card" and s.ctx.procedure_id == "P1"
    assert "Giấy chứng sinh" in said(fx)[0]
    show = of_type(fx, Show)[-1]
    assert show.screen == "card" and show.data["procedure"]["name"] == "Đăng ký khai sinh"
    s, fx = run(s, Heard("vâng"))
    assert s.name == "issuing"
    [issue] = of_type(fx, IssueTicket)
    assert issue.request.procedure_id == "P1" and issue.request.field_id == "ho-tich"
    assert issue.request.priority is False
    s, fx = run(s, TicketIssued(ticket()))
    assert s.name == "printing" and of_type(fx, PrintTicket)[0].ticket.number == "0125"
    s, fx = run(s, TicketPrinted())
    assert s.name == "ticket"
    assert any("0125" in t and "quầy 1" in t for t in said(fx))
    s, fx = run(s, SpeechDone(s.ctx.utterance_seq))
    assert s.name == "directions"
    s, names = run_out_clock(s)
    assert names[-2:] == ["goodbye", "idle"]
    assert s.ctx.procedure_id is None and s.ctx.ticket is None


def test_priority_ticket_when_citizen_asks_for_it(idle):
    s, fx = run(idle, PersonArrived(), Touched("field:ho-tich"), Touched("procedure:P1"),
                Touched("take_ticket:priority"))
    assert s.name == "priority" and not of_type(fx, IssueTicket)
    s, fx = run(s, Touched("priority:yes"))
    assert of_type(fx, IssueTicket)[0].request.priority is True
    s, fx = run(idle, PersonArrived(), Touched("procedure:P1"), Heard("cho tôi lấy số ưu tiên"))
    assert s.name == "priority"
    s, fx = run(s, Heard("không"))
    assert s.name == "issuing" and of_type(fx, IssueTicket)[0].request.priority is False


def test_elderly_citizen_by_id_card_gets_priority_without_being_asked(idle):
    old = ScannedCode("cccd", "", {"gender": "Nam", "age": 75})
    s, fx = run(idle, Scanned(old), Touched("procedure:P1"), Heard("vâng"))
    assert s.name == "issuing" and of_type(fx, IssueTicket)[0].request.priority is True


def test_no_priority_question_when_centre_disables_it(catalogue):
    s = make_state(catalogue, priority_enabled=False)
    s, fx = run(s, PersonArrived(), Touched("procedure:P4"), Touched("take_ticket:priority"))
    assert s.name == "issuing" and len(of_type(fx, IssueTicket)) == 1
    assert of_type(fx, IssueTicket)[0].request.priority is False


def test_a_ticket_is_asked_for_once_however_often_the_citizen_touches(idle):
    s, fx = run(idle, PersonArrived(), Touched("procedure:P4"), Touched("take_ticket"),
                Touched("take_ticket"), Touched("priority:no"), Touched("take_ticket:priority"),
                Heard("vâng"), Touched("yes"))
    assert len(of_type(fx, IssueTicket)) == 1 and s.name == "issuing"


class ScriptedUnderstander:
    """Stands in for the matcher to drive the machine's clarify branch exactly."""

    def __init__(self, real, answers):
        self.real, self.answers = real, answers

    def understand(self, text, alternatives=()):
        return self.answers.get(text) or self.real.understand(text, alternatives)


def test_clarifying_question_offers_at_most_three_and_touch_picks(idle):
    from dialogs.understanding import Candidate, Understanding
    cands = tuple(Candidate(p, 0.5) for p in ("P1", "P2", "P3", "P4"))
    vague = Understanding("đăng ký hộ tịch", "procedure", "clarify", 0.4, "P1", "ho-tich", cands)
    second = Understanding("cái thứ hai", "choose", "accept", 0.9, value="2")
    s = dataclasses.replace(idle, understander=ScriptedUnderstander(
        idle.understander, {"đăng ký hộ tịch": vague, "cái thứ hai": second}))
    s, _ = run(s, PersonArrived())
    s, fx = run(s, Heard("đăng ký hộ tịch"))
    assert s.name == "clarifying"
    choices = of_type(fx, Show)[-1].data["choices"]
    assert [c["procedure_id"] for c in choices] == ["P1", "P2", "P3"]
    assert "Đăng ký khai sinh" in said(fx)[0] and "Đăng ký kết hôn" in said(fx)[0]
    by_touch, _ = run(s, Touched("choice:3"))
    assert by_touch.name == "card" and by_touch.ctx.procedure_id == "P3"
    by_voice, _ = run(s, Heard("cái thứ hai"))
    assert by_voice.name == "card" and by_voice.ctx.procedure_id == "P2"
    last, _ = run(s, Heard("cái cuối cùng"))
    assert last.name == "card" and last.ctx.procedure_id == "P3"
    refused, _ = run(s, Touched("no"))
    assert refused.name == "asking"


def test_two_misunderstandings_offer_touch_grid_and_staff(idle):
    s, _ = run(idle, PersonArrived())
    s, fx = run(s, Heard("xyz abc qqq"))
    assert s.name == "asking" and s.ctx.misunderstandings == 1 and said(fx)
    s, fx = run(s, Heard("blah blah"))
    assert s.name == "help"
    show = of_type(fx, Show)[-1]
    assert show.screen == "help" and len(show.data["fields"]) == 3
    s, fx = run(s, Touched("staff"))
    assert s.name == "staff" and of_type(fx, CallStaff)


def test_success_resets_the_misunderstanding_count(idle):
    s, _ = run(idle, PersonArrived(), Heard("xyz abc qqq"), Touched("procedure:P1"),
               Touched("back"), Heard("xyz abc qqq"))
    assert s.name == "asking" and s.ctx.misunderstandings == 1


def test_printer_failure_keeps_number_on_screen_and_reads_it_twice(idle):
    s, _ = run(idle, PersonArrived(), Touched("procedure:P1"), Touched("take_ticket"), TicketIssued(ticket()))
    s, fx = run(s, PrinterFailed("paper_out"))
    assert s.name == "ticket"
    assert sum("0125" in t for t in said(fx)) >= 2
    show = of_type(fx, Show)[-1]
    assert show.data["ticket"]["number"] == "0125" and show.data["printer_failed"] == "paper_out"
    s, fx = run(s, SpeechDone(s.ctx.utterance_seq))
    assert s.name == "directions" and of_type(fx, Show)[-1].data["ticket"]["number"] == "0125"


def test_printer_that_never_answers_times_out_to_the_number_on_screen(idle):
    s, _ = run(idle, PersonArrived(), Touched("procedure:P1"), Touched("take_ticket"), TicketIssued(ticket()))
    s, fx = run(s, Tick(s.ctx.deadline))
    assert s.name == "ticket" and s.ctx.printer_failed == "timeout"
    assert sum("0125" in t for t in said(fx)) >= 2


def test_offline_ticket_is_announced_as_offline(idle):
    s, _ = run(idle, PersonArrived(), Touched("procedure:P1"), Touched("take_ticket"), TicketIssued(ticket(number="K1-007", offline=True)))
    s, fx = run(s, TicketPrinted())
    assert s.name == "ticket" and "K1-007" in said(fx)[0] and "gián đoạn" in said(fx)[0]
    assert of_type(fx, Show)[-1].data["ticket"]["offline"] is True


def test_centre_failure_while_issuing_calls_staff(idle):
    s, _ = run(idle, PersonArrived(), Touched("procedure:P1"), Touched("take_ticket"))
    s, fx = run(s, CentreUnavailable("disk full"))
    assert s.name == "ticket_error" and of_type(fx, CallStaff)


def test_late_ticket_is_still_printed_never_lost(idle):
    s, _ = run(idle, PersonArrived(), Touched("procedure:P1"), Touched("take_ticket"))
    s, _ = run(s, Tick(s.ctx.deadline))
    assert s.name == "ticket_error"
    s, fx = run(s, TicketIssued(ticket()))
    assert s.name == "printing" and of_type(fx, PrintTicket)


def test_cccd_greets_by_gender_and_age_and_keeps_nothing_else(idle):
    code = ScannedCode("cccd", "", {"gender": "Nữ", "age": 72})
    s, fx = run(idle, Scanned(code))
    assert s.name == "greeting" and s.ctx.honorific == "bà"
    assert said(fx)[0].startswith("Xin chào bà")
    assert to_json(Scanned(code)) == {"type": "Scanned", "code": {"kind": "cccd"}}
    s2, _ = run(idle, Scanned(ScannedCode("cccd", "", {"gender": "Nam", "age": 30})))
    assert s2.ctx.honorific == "anh"
    # Leaving forgets how the citizen was addressed.
    s3, _ = run(s, PersonLeft())
    assert s3.name == "idle" and s3.ctx.honorific == "ông/bà"


def test_dossier_qr_shows_status(idle):
    s, fx = run(idle, Scanned(ScannedCode("dossier", "H40-1", {"code": "H40-1"})))
    assert s.name == "dossier_wait" and of_type(fx, LookupDossier)[0].code == "H40-1"
    d = Dossier("H40-1", "P6", "processing", "Đang giải quyết", "2026-12-01", "C3")
    s, fx = run(s, DossierLooked("H40-1", d))
    assert s.name == "dossier" and "Đang giải quyết" in said(fx)[0] and "2026-12-01" in said(fx)[0]
    assert of_type(fx, Show)[-1].data["counter_number"] == 3


def test_dossier_not_found_and_centre_down(idle):
    s, _ = run(idle, Scanned(ScannedCode("dossier", "X", {"code": "X"})))
    s1, fx = run(s, DossierLooked("X", None, "not_found"))
    assert s1.name == "dossier" and "không tìm thấy" in said(fx)[0]
    s2, fx = run(s, Tick(s.ctx.deadline))
    assert s2.name == "dossier" and "gián đoạn" in said(fx)[0]


def test_procedure_qr_opens_card_and_unknown_codes_explain(idle):
    s, _ = run(idle, Scanned(ScannedCode("procedure", "1.001193", {"code": "1.001193"})))
    assert s.name == "card" and s.ctx.procedure_id == "P1"
    s, fx = run(idle, Scanned(ScannedCode("procedure", "9.999999", {"code": "9.999999"})))
    assert s.name == "code_info" and said(fx)
    s, fx = run(idle, Scanned(ScannedCode("url", "https://x.example", {})))
    assert s.name == "code_info" and "link" in said(fx)[-1]
    s, fx = run(idle, Scanned(ScannedCode("invalid", "", {"reason": "bad"})))
    assert s.name == "code_info" and "không đọc được" in said(fx)[-1]
    s, _ = run(s, Tick(s.ctx.deadline))
    assert s.name == "asking"


def test_call_staff_by_voice_from_anywhere(idle):
    s, fx = run(idle, PersonArrived(), Touched("procedure:P1"), Heard("cho tôi gặp cán bộ"))
    assert s.name == "staff" and of_type(fx, CallStaff)


def test_repeat_says_the_last_prompt_again(idle):
    s, fx1 = run(idle, PersonArrived(), Touched("procedure:P1"))
    s, fx2 = run(s, Touched("repeat"))
    assert said(fx2) == [said(fx1)[-1]]
    s, fx3 = run(s, Heard("nói lại"))
    assert said(fx3) == [said(fx1)[-1]]


def test_go_back_returns_to_the_previous_screen(idle):
    s, _ = run(idle, PersonArrived(), Touched("field:chung-thuc"), Touched("procedure:P4"))
    assert s.name == "card"
    s, _ = run(s, Touched("back"))
    assert s.name == "browsing" and s.ctx.field_id == "chung-thuc"
    s, _ = run(s, Touched("back"))
    assert s.name in ("greeting", "asking")


def test_language_switch_speaks_english_and_back(idle):
    s, _ = run(idle, PersonArrived(), Touched("procedure:P1"))
    s, fx = run(s, LanguageChosen("en"))
    assert s.ctx.lang == "en" and s.name == "card" and said(fx)[0].startswith("Đăng ký khai sinh.")
    assert "Please bring" in said(fx)[0]
    assert of_type(fx, Show)[-1].data["lang"] == "en"
    s, fx = run(s, Touched("lang:vi"))
    assert s.ctx.lang == "vi" and "mang" in said(fx)[0]


def test_leaving_before_a_ticket_resets_but_not_while_printing(idle):
    s, _ = run(idle, PersonArrived(), Touched("procedure:P1"))
    s, fx = run(s, PersonLeft())
    assert s.name == "idle"
    s, _ = run(idle, PersonArrived(), Touched("procedure:P1"), Touched("take_ticket"), TicketIssued(ticket()))
    s, _ = run(s, PersonLeft())
    assert s.name == "printing"


def test_partial_results_are_shown(idle):
    s, fx = run(idle, PersonArrived(), HeardPartial("làm giấy"))
    assert of_type(fx, Show)[-1].data["partial"] == "làm giấy"


def test_step_is_pure_and_deterministic(idle):
    events = [PersonArrived(), Heard("làm giấy khai sinh"), Touched("take_ticket"),
              TicketIssued(ticket()), TicketPrinted(), Tick(1000.0)]
    before = dataclasses.replace(idle)
    a = run(idle, *events)
    b = run(idle, *events)
    assert a[0] == b[0] and a[1] == b[1]
    assert idle == before


def test_cancel_says_goodbye(idle):
    s, fx = run(idle, PersonArrived(), Heard("thôi"))
    assert s.name == "goodbye" and said(fx)
    s, _ = run(s, Tick(s.ctx.deadline))
    assert s.name == "idle"


def test_hall_chatter_does_not_wake_the_robot_but_a_request_does(idle):
    s, fx = run(idle, Heard("hôm nay trời nóng quá nhỉ"))
    assert s.name == "idle" and not said(fx)
    s, fx = run(idle, Heard("cho tôi làm giấy khai sinh"))
    assert s.name == "card" and s.ctx.procedure_id == "P1"


def test_the_microphone_opens_with_each_new_catalogue_when_speech_is_there(catalogue):
    from dialogs.events import CatalogueLoaded
    from dialogs.state import Settings, initial_state
    s, fx = run(initial_state(Settings(speech_available=True)), CatalogueLoaded(catalogue))
    assert s.name == "idle" and of_type(fx, Listen)
    s, fx = run(initial_state(Settings(speech_available=False)), CatalogueLoaded(catalogue))
    assert not of_type(fx, Listen)


def test_without_a_catalogue_the_kiosk_says_so_and_offers_staff():
    from dialogs.state import Settings, initial_state
    s, fx = run(initial_state(Settings()), PersonArrived())
    assert s.name == "greeting" and "gián đoạn" in said(fx)[0] and "Gọi cán bộ" in said(fx)[0]
    s, fx = run(s, Touched("staff"))
    assert s.name == "staff" and of_type(fx, CallStaff)
