import pytest

from onrecord.attribution.channel import channel

KIRBY = (
    "At a White House press briefing Tuesday, National Security Council spokesman John Kirby "
    "was asked about Zelensky's request and said"
)


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (KIRBY, "press briefing"),
        ("a U.S. official said in a written statement", "written statement"),
        ("the ministry said in an emailed statement", "written statement"),
        ("the ministry said in a statement", "statement"),
        ("Kirby told reporters", "remarks to reporters"),
        ("speaking to journalists in Kyiv, she said", "remarks to reporters"),
        ("Kirby told reporters at a news conference", "news conference"),
        ("at a press conference in Brussels, Stoltenberg said", "news conference"),
        ("Kirby told reporters at a briefing", "press briefing"),
        ("the senator said in an interview with CNN", "interview"),
        ("she said in a television interview", "television interview"),
        ("she said in a TV interview", "television interview"),
        ("Webb disputed that account in a phone call later Wednesday", "phone call"),
        ("Mr Hale told the BBC's Today programme on Friday", "interview"),
        ("Ruth Harlow told the local paper", "interview"),
        ("In a dissent, Judge Robert Kim argued", "court document"),
        ("Tuvalu's foreign minister, Simon Kofe, told the Guardian", "interview"),
        ("he said in a radio interview", "radio interview"),
        ("Musk tweeted", "post on X"),
        ("he wrote on X", "post on X"),
        ("in a post on X, the minister said", "post on X"),
        ("he said on Twitter", "post on X"),
        ("Trump wrote on Truth Social", "post on Truth Social"),
        ("in a post on Truth Social, Trump said", "post on Truth Social"),
        ("the mayor wrote on Facebook", "post on Facebook"),
        ("he said in a social media post", "social media post"),
        ("she wrote on Instagram", "social media post"),
        ("the general testified", "testimony"),
        ("in testimony before the Senate, he said", "testimony"),
        ("Blinken said in a speech", "speech"),
        ("in a televised address, the president said", "speech"),
        ("Zelenskyy said in his nightly video address", "speech"),
        ("Johnson told Fox News on Sunday", "interview"),
        ("she told The Associated Press", "interview"),
        ("Chief Technology Officer Ines Varga told The Verge", "interview"),
        ("Reyes told CNBC on Friday morning", "interview"),
        ("Webb told WSAN-TV on Thursday evening", "interview"),
        ("he said in the video", "video"),
        ("she said in a video posted on Instagram", "social media post"),
        ("U.S. District Judge Helen Marsh wrote in a 94-page opinion", "court document"),
        ("prosecutors said in a court filing", "court document"),
        ("His lawyer told the jury in his opening statement on Monday", "remarks in court"),
        ("the state argued in a brief filed Friday", "court document"),
        ("In a brief speech to supporters, Holloway said", "speech"),
        ("the defence said in closing arguments", "remarks in court"),
        ("Park said from the bench", "remarks in court"),
        ("Oduya told the judge at his sentencing", "remarks in court"),
        ("the company said in a filing with federal regulators", "regulatory filing"),
        ("Halvorsen disclosed the loss in a securities filing", "regulatory filing"),
        ("Musumeci told state broadcaster RAI", "interview"),
        ("the striker told the club's television channel", "interview"),
        ("she told a local newspaper", "interview"),
        ("She spoke with us this week about her work", "interview"),
        ("in an address to the nation, the prime minister said", "speech"),
        ("Trump said at a rally in Ohio", "rally"),
        ("Biden said during the debate", "debate"),
        ("the senators wrote in a letter", "letter"),
        ("a spokesperson said in an email", "email"),
        ("she wrote in an op-ed", "op-ed"),
        ("according to an internal memo", "memo"),
        ("chief executive Maria Lindqvist told analysts on an earnings call", "conference call"),
        ("the finance chief said on a conference call with investors", "conference call"),
        ("she said on her weekly podcast", "podcast"),
        ("Kim said on a call with analysts", "conference call"),
        ("Raman told investors on a call last month", "conference call"),
        ("In a blog post on Tuesday, the company said", "blog post"),
        ("the founder wrote on his blog", "blog post"),
        ("Von der Leyen told the European Parliament in Strasbourg", "speech"),
        # nothing named
        ("National Security Council spokesman John Kirby said", None),
        ("", None),
        ("he said at the time", None),
        ("he told his X-ray technician", None),
        ("the general told the Senate Armed Services Committee", None),
        ("exports to x rose, he said", None),
        ("he said he would call the governor", None),
        ("he told investors to call their brokers", None),
        ("he told the channel's owners to sell", None),
        ("in his opinion, the senator said", None),  # a view, not a paper
        ("he vowed to fight the charges in court", None),  # where he will say it, not where he did
        ("in the opinion of most economists, she said", None),
    ],
)
def test_channel(frame, expected):
    assert channel(frame) == expected


@pytest.mark.parametrize(
    ("frame", "previous", "expected"),
    [
        ("he said at the time", "interview", "interview"),
        ("At that time, officials said", "press briefing", "press briefing"),
        ("he said at the time", None, None),
        ("at the time, he told reporters", "interview", "remarks to reporters"),
        ("he said", "interview", None),
        ("he said then", "interview", None),
    ],
)
def test_channel_inherits(frame, previous, expected):
    assert channel(frame, previous) == expected
