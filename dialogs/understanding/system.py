"""The kiosk's own words: system intents (yes, no, repeat, ...), fillers and stop words.

These belong to the dialog, not to a centre, so they live here; a lexicon can add phrases
(`[system]` and `[words]` tables). All phrases are matched after normalization and dialect
mapping (so "nỏ phải" arrives here as "không phải").
"""
from __future__ import annotations

SYSTEM_PHRASES: dict[str, tuple[str, ...]] = {
    "staff": ("gọi cô ra", "gọi chị ra", "gọi anh ra", "gọi chú ra", "gọi ai ra", "gặp cán bộ",
              "gặp người làm", "người làm ở đây", "có cán bộ nào", "có ai ở đây", "có ai giúp",
              "gọi giúp", "gọi hộ", "gọi giùm", "staff member", "speak to someone",
              "talk to someone", "a person", "real person", "someone", "an officer", "officer",
              "gọi người hướng dẫn", "gặp người hướng dẫn", "nhờ cán bộ", "cán bộ xã", "người trực",
              "gọi người giúp", "cần người giúp", "gọi chị", "gọi anh", "gọi cô", "gọi chú",
              "chị nhân viên", "anh nhân viên", "cô cán bộ", "chú cán bộ", "nói chuyện với cán bộ",
              "có ai không", "gọi người ra", "người giúp", "gọi cán bộ", "cán bộ ơi", "cần cán bộ",
              "gọi nhân viên", "gặp nhân viên", "nhân viên", "cán bộ", "người thật", "gặp người",
              "gọi người", "nói chuyện với người", "gặp trực tiếp", "call staff", "staff",
              "talk to a person", "human", "gọi ai đó", "cán bộ tiếp dân", "người hướng dẫn",
              "gặp lãnh đạo", "ai trực", "có ai trực", "ai trực ở đây", "người phụ trách",
              "ai phụ trách", "nói với cán bộ", "nói với nhân viên", "nói với người thật",
              "nói chuyện với nhân viên", "hỏi cán bộ", "hỏi trực tiếp cán bộ",
              "nói chuyện trực tiếp", "nói trực tiếp với", "gặp trực tiếp nhân viên",
              "trực không", "có người trực", "bạn nào trực", "cán bộ trực", "nhân viên trực",
              "có anh chị nào", "anh chị nào hỗ trợ", "ai hỗ trợ", "ở quầy hỗ trợ",
              "có ai ra giúp", "ai ra giúp", "gọi một người ra", "một người ra đây"),
    "repeat": ("nhắc lại", "nhắc lại đi", "vừa nói", "cái vừa nói", "nói chầm chậm", "chậm thôi",
               "chậm chậm", "nói chậm thôi", "nói sao", "nói gì", "nói cái gì", "cái gì",
               "không nghe", "nghe không", "nghe chưa", "chưa nghe rõ", "không nghe thấy gì",
               "nói nhanh quá", "nhanh quá", "nói nhỏ quá", "nhỏ quá", "to lên", "to hơn",
               "say that again", "sorry", "what", "come again", "repeat that", "one more time",
               "slower", "speak slowly", "louder", "lần nữa", "nói lại coi", "nói lại xem",
               "nói lại cái", "nói lại giùm", "nói lại giúp", "nghe không kịp", "nói chậm lại",
               "nói to lên", "nói to hơn", "lặp lại giúp", "chưa nghe", "đọc lại giúp", "nói lại",
               "lặp lại", "đọc lại", "nghe không rõ", "không nghe rõ", "nghe chưa rõ",
               "không nghe thấy", "chưa nghe thấy", "nói chậm", "nói to", "cái gì cơ", "gì cơ",
               "hả", "sao cơ", "repeat", "say again", "again", "pardon", "nói lại lần nữa",
               "chưa nghe kịp", "không nghe kịp", "nói nhanh", "sao nói nhanh", "nói nhanh thế",
               "nói chậm chậm thôi", "nói gì cơ", "hả nói gì", "nói cái gì cơ", "hả gì",
               "repeat lại", "đoạn vừa rồi", "câu vừa rồi", "nói lại đoạn", "đọc lại đoạn",
               "đọc chầm chậm", "đọc lại chầm chậm", "đọc chậm"),
    "back": ("về lại", "lúc nãy", "cái lúc nãy", "cái trước", "trước đó", "bước trước đó",
             "quay lui", "go back please", "về bước trước", "bước trước", "trở về", "quay về",
             "quay lại trang trước", "lùi lại một bước", "về trang trước", "trang trước",
             "quay lại", "trở lại", "lùi lại", "quay về trước", "màn hình trước", "go back", "back",
             "previous"),
    "cancel": ("không lấy số nữa", "không lấy số", "không lấy nữa", "thôi không lấy", "để mai",
               "để khi khác", "khi khác", "lúc khác", "hôm khác", "bữa khác", "để sau",
               "để hôm khác", "hủy bỏ", "thôi nghỉ", "forget it", "never mind", "nevermind",
               "cảm ơn", "cám ơn", "thank you", "thanks", "không làm nữa", "thôi về", "về đây",
               "đi đây", "quit", "exit", "no more", "thôi khỏi", "khỏi cần", "thôi bỏ đi", "bỏ qua",
               "thôi nhé", "thôi ạ", "hủy đi", "tôi về đây", "không làm nữa đâu", "thôi không làm",
               "thôi", "hủy", "không cần nữa", "thôi không cần", "dừng lại", "kết thúc", "tạm biệt",
               "về thôi", "đi về", "cancel", "stop", "bye", "goodbye", "không muốn nữa", "chào nhé",
               "xong rồi", "bỏ đi", "thôi bỏ", "bỏ đi bỏ đi", "bỏ cái đó", "bỏ cái này",
               "bỏ cái đấy", "quay lại từ đầu", "làm lại từ đầu", "bắt đầu lại",
               "bắt đầu lại từ đầu", "trở lại từ đầu", "về màn hình đầu", "start over",
               "mai quay lại", "quay lại sau", "hôm sau quay lại", "bữa sau quay lại"),
    "help": ("dùng sao", "dùng như nào", "xài sao", "xài thế nào", "xài như nào", "không biết dùng",
             "dùng máy", "dùng cái máy", "máy này dùng", "dùng thế nào", "dùng như thế nào",
             "sử dụng", "không biết bấm", "bấm cái máy", "bấm máy", "chỉ tôi", "chỉ giùm",
             "không biết chữ", "không biết đọc", "không đọc được", "không biết viết", "mắt kém",
             "bấm vào đâu", "bấm gì", "bấm", "chỉ cho", "can you help", "need help", "help please",
             "how does this work", "how to use", "không hiểu", "chẳng biết", "không rõ phải làm",
             "hướng dẫn giúp", "không biết phải làm gì", "không biết làm gì", "chỉ giúp tôi",
             "chỉ dẫn", "hướng dẫn cho tôi", "giúp tôi", "giúp với", "giúp cháu", "giúp em",
             "giúp con", "giúp", "hướng dẫn tôi", "không biết làm", "không biết phải làm",
             "không biết làm sao", "không biết làm thế nào", "không biết gì", "làm sao bây giờ",
             "làm thế nào bây giờ", "help", "help me", "hướng dẫn", "chỉ giúp", "không biết hỏi",
             "phải làm thế nào", "làm thế nào đây", "phải làm sao", "làm sao đây", "phải làm gì",
             "giờ làm sao", "làm gì tiếp", "phải làm gì tiếp", "làm gì tiếp theo", "bước tiếp theo",
             "tiếp theo làm gì", "rồi làm gì nữa", "cách dùng", "cách xài", "cách sử dụng", "xài máy",
             "xài cái máy", "chỉ tui", "chỉ cách", "chỉ em", "chỉ cháu", "chỉ con", "chỉ mình",
             "dùng kiểu gì", "bấm kiểu gì", "xài kiểu gì", "dùng cái này kiểu gì",
             "máy này làm được gì", "máy này làm được những gì", "máy làm được gì",
             "làm được những gì", "máy này làm gì", "cái máy này để làm gì",
             "chỉ bác với", "chỉ giúp bác", "chỉ giùm bác", "chỉ cho bác", "chỉ bác cách",
             "không biết dùng cái máy này", "hỏi kiểu gì", "hỏi cái máy này", "hỏi máy thế nào"),
    "language": ("tiếng mường", "tiếng dân tộc", "tiếng mông", "tiếng dao", "tiếng hàn",
                 "tiếng trung", "tiếng nhật", "tiếng pháp", "tiếng nga", "tiếng lào", "tiếng thái",
                 "tiếng đức", "đổi sang tiếng anh", "đổi tiếng anh", "quay về tiếng việt",
                 "về tiếng việt", "chuyển về tiếng việt", "english", "speak english",
                 "do you speak english", "tiếng anh", "can you speak english", "english please",
                 "chuyển sang tiếng anh", "chuyển tiếng anh", "đổi tiếng việt",
                 "chuyển sang tiếng việt", "nói tiếng việt thôi", "in english", "tiếng việt",
                 "vietnamese", "tiếng việt nam", "nói tiếng anh", "nói tiếng việt",
                 "đổi ngôn ngữ", "chuyển ngôn ngữ", "ngôn ngữ khác", "chọn ngôn ngữ",
                 "đổi sang ngôn ngữ khác", "tiếng khác", "đổi sang tiếng khác", "chuyển sang tiếng khác"),
    "yes": ("that's it", "that s it", "that is it", "correct", "right", "that's right",
            "that is right", "exactly", "yes please", "sure", "of course", "đúng là", "phải vậy",
            "đúng vậy", "được đấy", "được đó", "ừ được", "chắc chắn", "ừ ừ", "vâng vâng",
            "đúng đúng", "phải phải", "có có", "đồng ý", "nhất trí", "chính nó", "cái đấy",
            "đúng cái đấy", "chuẩn rồi", "ờ ờ", "đúng rồi", "vâng đúng rồi", "dạ đúng rồi",
            "ừ phải", "ừ đúng rồi", "ờ đúng", "ok em", "được em", "đúng đấy", "phải đấy", "dạ",
            "dạ được", "vâng được", "ừ", "vâng", "có", "đúng", "ok", "được", "được rồi", "lấy số",
            "yes", "yeah", "ờ", "phải", "phải rồi", "chính xác", "đúng thế", "chuẩn", "ừ đúng",
            "vâng đúng", "có ạ", "dạ vâng", "dạ phải", "dạ đúng", "cái đó", "cái này", "đó",
            "vậy đó", "đúng đó", "ổn", "oke", "okay", "in vé", "lấy vé", "in số", "cho số",
            "lấy phiếu", "in đi", "lấy số đi", "làm đi", "đúng cái đó", "vâng ạ",
            "chốt", "chốt luôn", "chốt đơn", "chuẩn không cần chỉnh", "okela", "oke luôn"),
    "no": ("chả phải", "chẳng phải", "không đúng cái đó", "không đúng cái đấy", "không đúng đâu",
           "sai cái đó", "chưa phải", "wrong", "not that", "not this", "not that one", "no thanks",
           "incorrect", "that's wrong", "không phải việc đó", "không phải cái đấy", "khác cơ",
           "cái khác", "việc khác", "không đúng", "không phải", "không phải vậy", "không cần",
           "không đâu", "không muốn", "không, không", "nhầm", "sai", "chưa đúng",
           "không phải cái này", "cái khác cơ", "không phải thế", "không cái đó", "không không",
           "nhầm rồi cháu", "không phải cái đó đâu", "sai rồi", "không", "chưa", "no", "nope",
           "không ạ", "không phải cái đó", "nhầm rồi", "không có", "không phải đâu", "khác"),
    "greeting": ("vui vẻ", "buổi trưa vui vẻ", "chúc một ngày vui vẻ", "khỏe không",
                 "có khỏe không", "hi there", "good afternoon", "good morning", "good evening",
                 "chào buổi chiều", "chào buổi tối", "chào ông", "chào bà", "chào cô", "chào chú",
                 "chào bác", "chào con", "chào robot", "xin chào robot", "hey", "xin chào", "chào",
                 "chào em", "chào cháu", "chào bạn", "hello", "hi", "alo", "a lô", "chào buổi sáng",
                 "chào anh", "chào chị", "chào máy", "mới đến", "vừa đến", "mới tới", "vừa tới",
                 "chào cán bộ", "chào các cán bộ", "chào anh cán bộ", "chào chị cán bộ"),
    "dossier_status": ("tra hồ sơ", "xem kết quả", "kết quả", "where is my application",
                       "my application", "application status", "my dossier", "check my application",
                       "xong chưa", "thế nào rồi", "tới đâu rồi",
                       "đã xong chưa", "bao giờ xong", "khi nào xong", "bao giờ có kết quả",
                       "khi nào có kết quả", "hồ sơ nộp rồi", "đã nộp", "nộp hồ sơ rồi", "đến hẹn",
                       "hẹn trả", "trả kết quả", "lấy giấy hẹn", "đến đâu rồi", "hồ sơ đến đâu rồi",
                       "hồ sơ tôi nộp", "hồ sơ nộp tuần trước", "hồ sơ của tôi đến đâu",
                       "tra cứu hồ sơ", "hồ sơ đến đâu", "hồ sơ của tôi", "kết quả hồ sơ",
                       "hồ sơ xong chưa", "hồ sơ đã xong", "xem hồ sơ", "kiểm tra hồ sơ",
                       "tình trạng hồ sơ", "tiến độ hồ sơ", "giấy hẹn", "phiếu hẹn", "lấy kết quả",
                       "nhận kết quả", "hồ sơ nộp", "đã nộp hồ sơ", "mã hồ sơ", "dossier status",
                       "hồ sơ đã nộp", "có kết quả chưa", "bao giờ mới lấy được",
                       "bao giờ lấy được", "khi nào lấy được", "bao giờ mới có", "khi nào mới có",
                       "bao giờ mới xong", "check hồ sơ",
                       "trạng thái hồ sơ", "lấy được chưa", "nộp giấy tờ rồi",
                       "chưa thấy trả kết quả", "chưa trả kết quả", "chưa thấy kết quả",
                       "chưa có kết quả", "nộp online rồi"),
    "choose": ("cái trên", "cái dưới", "trên cùng", "dưới cùng", "cái trên cùng", "cái dưới cùng",
               "sau cùng", "cái sau cùng", "bên trên", "bên dưới", "cái bên trên", "cái bên dưới",
               "ở trên", "ở dưới", "ở giữa", "cái ở giữa", "cái đầu", "đầu tiên", "cái đầu tiên",
               "cuối cùng", "cái cuối", "the first one", "the second one", "the third one",
               "the last one", "last one", "first one", "second one", "third one", "the last",
               "last", "top", "the top one", "bottom", "the bottom one", "middle", "the middle one",
               "số bốn", "cái thứ tư", "cái thứ nhất", "cái thứ hai", "cái thứ ba", "cái số một",
               "cái số hai", "cái số ba", "số một", "số hai", "số ba", "thứ nhất", "thứ hai",
               "thứ ba", "cái một", "cái hai", "cái ba", "cái cuối cùng", "cái giữa", "số 1",
               "số 2", "số 3", "cái 1", "cái 2", "cái 3", "thứ 1", "thứ 2", "thứ 3", "first",
               "second", "third", "the first", "the second", "the third", "number one",
               "number two", "number three", "phương án một", "phương án hai", "phương án ba",
               "lựa chọn một", "lựa chọn hai", "lựa chọn ba", "một", "hai", "ba", "1", "2", "3"),
}
"""intent -> phrases; normalized on use."""

# 'máy có nói tiếng Hàn không', 'chuyển sang tiếng Anh': a language asked for with a verb (not
# 'người nói tiếng Hàn', which says who someone is).
_LANGUAGES = ("anh", "việt", "hàn", "trung", "nhật", "pháp", "nga", "lào", "thái", "đức", "mường",
              "mông", "dao", "dân tộc")
_LANGUAGE_VERBS = ("có nói", "máy nói", "máy có nói", "có biết", "nói bằng", "dùng", "sang",
                   "nói được", "biết nói", "đổi sang", "chuyển sang", "đổi qua", "chuyển qua")
SYSTEM_PHRASES["language"] += tuple(dict.fromkeys(
    p for verb in _LANGUAGE_VERBS
    for p in (*(f"{verb} tiếng {lang}" for lang in _LANGUAGES), f"{verb} english")
    if p not in SYSTEM_PHRASES["language"]))

# Words that carry the choice index of an intent "choose".
CHOICE_WORDS: dict[str, str] = {
    "nhất": "1", "một": "1", "1": "1", "đầu": "1", "first": "1", "one": "1",
    "hai": "2", "2": "2", "second": "2", "two": "2", "giữa": "2",
    "ba": "3", "3": "3", "third": "3", "three": "3", "cuối": "last",
    "trên": "1", "top": "1", "dưới": "last", "bottom": "last", "last": "last", "sau": "last",
    "middle": "2",
}

# Intents that a few words win even inside a longer sentence (they are never part of a request
# for a procedure). The others need to cover most of the utterance: a choice too, since 'số 3'
# or 'thứ hai' is as often a bus, a house number or a weekday ('xe buýt số 3 đi đâu').
STRONG_INTENTS = ("staff", "language", "dossier_status", "repeat")

# Words that only pad a short answer ("dạ vâng ạ", "đúng rồi đó", "yes please"): they count
# neither for nor against a system intent.
FILLERS = frozenset("""
dạ ạ ơi nhé nha nhá à ạ em cháu con tôi tui anh chị bác cô chú ông bà mình cho làm ơn vui lòng
đi với giùm giúp hộ muốn cần hỏi xin thưa robot bạn ấy nhỉ hả rồi lại nữa cái đã vậy thế thì
đó đấy đây này nè kìa kia chút coi xem thử lắm quá luôn ngay nào chọn o eng mệ bọ cả cơ
please the a an it is s there to me i you can could would just now oh um uh well do my
where get how
""".split())

# Phrases that decide their intent even next to words of a procedure: a question about a dossier
# already handed in ("hồ sơ làm sổ đỏ của tôi xong chưa"), or a switch of language.
DECISIVE = {
    "dossier_status": ("nộp tháng trước", "nộp tuần trước", "bao giờ thì có", "khi nào thì có",
                       "giờ có chưa", "đã có chưa", "nộp từ tháng trước", "nộp từ tuần trước",
                       "xong chưa", "đã xong chưa", "đến đâu rồi", "tới đâu rồi", "có kết quả chưa",
                       "xem kết quả", "lấy kết quả", "nhận kết quả", "tra cứu hồ sơ", "tra hồ sơ",
                       "tiến độ hồ sơ", "tình trạng hồ sơ", "bao giờ xong", "khi nào xong",
                       "bao giờ có kết quả", "khi nào có kết quả", "giấy hẹn", "phiếu hẹn",
                       "bao giờ mới lấy được", "bao giờ lấy được", "khi nào lấy được",
                       "bao giờ mới có", "khi nào mới có", "bao giờ mới xong",
                       "bao giờ thì lấy được", "khi nào thì lấy được", "bao giờ thì xong",
                       "khi nào thì xong", "bao giờ thì có kết quả", "trạng thái hồ sơ",
                       "lấy được chưa",
                       "chưa thấy trả kết quả", "chưa trả kết quả", "chưa thấy kết quả"),
    "language": ("english", "vietnamese", *(f"tiếng {lang}" for lang in _LANGUAGES)),
    "staff": ("người thật", "có ai ở quầy", "người trực tiếp", "hỏi trực tiếp", "có ai làm việc"),
}

# A question tag closing what was asked ('đăng ký ở đây à, không phải à'): no answer of its own.
QUESTION_TAGS = ("không phải à", "không phải hả", "phải không", "phải không à", "có phải không",
                 "đúng không", "đúng không à", "có đúng không", "phải hông", "đúng hông")

# Built-in stop words: politeness, pronouns, question words, verbs of asking. A lexicon adds more.
STOP_WORDS = frozenset("""
dạ ạ à ơi nhé nha nhá nhỉ hả hử ha hen hè với vậy thế thì là mà cho tôi tui tao mình cháu em con
anh chị ông bà bác cô chú dì cậu mợ thím bạn các ấy đó này kia nọ ở đâu nào gì sao bao nhiêu
muốn cần hỏi xin làm ơn được phải có không đi rồi đã đang sẽ vừa mới thủ tục việc về của
những mấy một cái chiếc thì là ra vào lên xuống nay hôm giờ bây thưa vâng nhờ giúp hộ
như thế nào thế nào làm sao ạ vui lòng tại tới đến để nên cũng còn chỉ hay hoặc và với hoặc
người ta chúng ta chúng tôi nhà tôi gia đình mình biết bảo nói nghe thấy
""".split())
