#!/usr/bin/env bash
# Screenshots of the desktop app (1280x800, light and dark) under Xvfb, into screenshots/:
#   desktop-{light,dark}-{home,log,cpd-editor,reflection,frameworks,reviews,settings,share,
#   mentor,cohort,home-asye-life,reviews-plan,self-assessment}.png (.bmp
#   when ImageMagick's `convert` is missing). The demo portfolio is made with the CLI from
#   invented data, so every screen has something real to show.
#
#   (the reflection editor shows the newest reflection: a long free-text one, wrapped)
#   phone-light-{reviews-plan,self-assessment,self-assessment-rate}.png: the desktop build at
#   390 px wide (the phone layout), tall enough to show each screen whole.
# Then the web page at phone size (390x844, DPR 3, touch) through scripts/web-screenshots.mjs:
#   web-phone-{home,log,cpd-editor,reflection,long-reflection}.png (its own invented entries).
#
# Usage: scripts/screenshots.sh [BIN_DIR]   (default build/bin; the app and the CLI live there)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/bin}
app=$bin/pathway
cli=$bin/pathway-cli
out=screenshots
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true' EXIT

# --- A demo portfolio: an ASYE social worker two and a half months in (invented data). ---
p=$work/demo.json
"$cli" init "$p" --name "Sam Example" --stage asye --asye-start 2026-09-07 --fte 1 >/dev/null
add() { "$cli" add "$p" "$@" >/dev/null; }
add cpd --title "Court skills for care proceedings" --date 2026-10-01 --hours 3 --type course \
    --description "A day's course on giving evidence and writing statements for court." \
    --learned "How to structure analysis so the court can follow my reasoning." \
    --impact "My statements now separate facts, analysis and recommendations." \
    --tag pcf:5 --tag pcf:7 --tag swe:4.4 --tag kss-cf:8
add cpd --title "Attachment theory refresher" --date 2026-10-14 --hours 1.5 --type reading \
    --description "Read two papers on attachment in adolescence." \
    --learned "Patterns of attachment can shift in adolescence; behaviour is communication." \
    --impact "I plan direct work with teenagers around relationships, not only risk." \
    --peer-reflection peer --field "peer_learned=A colleague showed me how she uses this in direct work." \
    --field protected_time=yes --tag pcf:5 --tag kss-cf:3 --tag swe:4.3
add cpd --title "Motivational interviewing workshop" --date 2026-11-12 --hours 6 --type course \
    --description "Two half-day workshops on motivational interviewing with parents." \
    --field protected_time=yes --tag pcf:7 --tag kss-cf:1
add reflection --title "A difficult first home visit" --date 2026-10-20 --field model=gibbs \
    --field "gibbs.description=A joint visit with my practice supervisor to a family new to the service." \
    --field "gibbs.feelings=Nervous beforehand; relieved afterwards that the parents engaged." \
    --field "gibbs.evaluation=Introductions went well. I rushed the explanation of why we were there." \
    --field "gibbs.analysis=Thinking about power (Dalrymple and Burke), my rushing reflected my own anxiety." \
    --tag pcf:6 --tag swe:4.6 --tag kss-cf:1
# A long free-text reflection (about 330 words): it wraps at the field's width and grows.
long="After the child protection conference I kept going back over how I had presented the family's progress. I had prepared a careful chronology and an analysis of risk and protective factors, but in the room I noticed that I was reading from my notes rather than speaking to the parents, and their faces told me that they felt talked about, not talked with."
long="$long Afterwards my practice supervisor asked what I would keep and what I would change. I would keep the structure: facts first, then analysis, then what we are asking of everyone. I would change the way I bring the parents into it, by agreeing with them beforehand which parts they want to say in their own words."
long="$long

Thinking about it with the PCF in mind, this is about professional leadership as much as communication. I want the plan to be something the family recognises as theirs, so I will share a draft with them two days before the next review, ask them to mark what they disagree with, and bring those points to the meeting as questions rather than as conflicts to be managed."
long="$long

What surprised me most was how much the chair relied on my summary. It showed me that a newly qualified worker's analysis carries real weight, and that I must be as careful with hope as with risk: naming what has improved, with evidence, is part of a fair assessment. Next time I will also ask the health visitor to speak to the changes she has seen at home, because her account is closer to the everyday life of the children than mine."
add reflection --title "After the child protection conference" --date 2026-11-21 --field "free.text=$long" \
    --tag pcf:6 --tag swe:4.6
add supervision --title "Supervision with team manager" --date 2026-09-10 --field minutes=90 \
    --field "supervisor_role=Team manager" --tag swe:4.2 --tag kss-cf:9
add supervision --title "Supervision with team manager" --date 2026-09-24 --field minutes=60 --tag swe:4.2
add supervision --title "Supervision with practice supervisor" --date 2026-10-22 --field minutes=75 --tag swe:4.2
add supervision --title "Supervision with team manager" --date 2026-11-18 --field minutes=60 --tag swe:4.2
add observation --title "Observed child and family assessment visit" --date 2026-11-05 \
    --field "observer_role=ASYE assessor" --tag pcf:7 --tag kss-cf:6
add feedback --title "Feedback after a review meeting" --date 2026-11-09 --field source=person \
    --field "summary=They said I listened and explained the plan clearly." --tag pcf:2 --tag swe:2
add feedback --title "Feedback from a health visitor" --date 2026-10-30 --field source=professional --tag pcf:8
add written --title "Single assessment" --date 2026-11-02 --field "work_type=assessment" --tag pcf:5 --tag kss-cf:6
add goal --title "Build confidence in court work" --date 2026-09-15 --field status=in-progress
# A practice educator reviewed a shared copy: a comment, a request and two sign-offs, merged.
court=$("$cli" list "$p" --kind cpd | awk '/Court skills/ {print $NF}')
visit=$("$cli" list "$p" --kind reflection | awk '/first home visit/ {print $NF}')
"$cli" review "$p" --reviewer "Pat Example" --role "Practice educator" \
    --comment "$court" "Clear link from the course to your statements: well evidenced." \
    --request "$visit" "Add the conclusion and action plan stages of Gibbs." \
    --sign "$court" -o "$work/feedback.json" >/dev/null
"$cli" merge "$p" "$work/feedback.json" >/dev/null
# The practice educator's own (empty) portfolio, for the review screen.
mentor=$work/mentor.json
"$cli" init "$mentor" --name "Pat Example" --stage social-worker >/dev/null

# The ASYE as lived (issue 14): maternity leave on the timeline, hours that changed on return,
# the reviews held on their (moved) dates, supervision around the leave, and the assessor's
# recommendation a month before the year ends (invented data).
life=$work/asye-life.json
"$cli" init "$life" --name "Robin Example" --stage asye --asye-start 2025-06-02 --fte 1 \
    --setting adults >/dev/null
"$cli" asye "$life" leave --from 2025-10-06 --to 2026-02-27 --kind maternity >/dev/null
"$cli" asye "$life" hours --from 2026-03-02 --fte 0.8 >/dev/null
"$cli" asye "$life" person --role supervisor --name "Morgan Example" --registered yes >/dev/null
"$cli" asye "$life" outcome --step recommendation --decision pass --on 2026-11-20 \
    --by "Jordan Example (assessor)" >/dev/null
for r in 3m:2025-09-02:3 6m:2026-05-11:6 9m:2026-09-01:9; do
    IFS=: read -r stage day months <<<"$r"
    "$cli" add "$life" review --title "$months-month review" --date "$day" --stage "$stage" \
        --outcome on-track >/dev/null
done
for d in 2025-06-02 2025-06-09 2025-06-16 2025-06-23 2025-06-30 2025-07-07 2025-07-21 \
    2025-08-04 2025-08-18 2025-09-01 2025-09-15 2025-09-29 2026-03-02 2026-03-16 2026-03-30 \
    2026-04-13 2026-04-27 2026-05-11 2026-06-08 2026-07-06 2026-08-03 2026-08-31 2026-09-28 \
    2026-10-26 2026-11-23; do
    "$cli" add "$life" supervision --title "Supervision with Morgan" --date "$d" --field minutes=60 \
        >/dev/null
done

# A child and family ASYE year almost done (issue 14 points 10-12): supervisor and assessor, the
# development plan's goals per review linked to evidence, and the self-assessment against the
# KSS at the start, midway and at the end (invented data; Pathway's own 1-4 scale).
cf=$work/asye-cf.json
"$cli" init "$cf" --name "Alex Example" --stage asye --asye-start 2025-12-01 --fte 1 \
    --setting children >/dev/null
"$cli" asye "$cf" person --role supervisor --name "Morgan Example" --registered yes >/dev/null
"$cli" asye "$cf" person --role assessor --name "Jordan Example" --registered yes >/dev/null
cfadd() { "$cli" add "$cf" "$@"; }
obs1=$(cfadd observation --title "Observed child and family assessment visit" --date 2026-02-10 \
    --field "observer_role=ASYE assessor" --tag kss-cf:6)
court=$(cfadd cpd --title "Court skills for care proceedings" --date 2026-04-14 --hours 6 --type course \
    --tag kss-cf:8)
obs2=$(cfadd observation --title "Observed child protection conference" --date 2026-07-08 \
    --field "observer_role=ASYE assessor" --tag kss-cf:7)
written=$(cfadd written --title "Single assessment for a family of four" --date 2026-09-22 \
    --field "work_type=assessment" --tag kss-cf:6)
goal() { "$cli" asye "$cf" goal "$@" >/dev/null; }
goal --title "Plan every home visit around the child's routine and share its purpose first" \
    --review 3m --target 2026-02-27 --status achieved --evidence "$obs1" --on 2025-12-03
goal --title "Write statements the court can follow: facts, analysis, then what I ask for" \
    --review 6m --target 2026-05-29 --status achieved --evidence "$court" --on 2025-12-03
goal --title "Chair a core group meeting with my supervisor observing" --review 9m \
    --target 2026-08-28 --status in-progress --evidence "$obs2" --on 2026-06-08
goal --title "Complete an analysis-led single assessment without needing a second draft" \
    --review final --target 2026-11-30 --status in-progress --evidence "$written" --on 2026-09-01
for r in 3m:2026-03-02:3 6m:2026-06-01:6 9m:2026-09-01:9 final:2026-12-01:12; do
    IFS=: read -r stage day months <<<"$r"
    "$cli" add "$cf" review --title "$months-month review" --date "$day" --stage "$stage" \
        --outcome on-track >/dev/null
done
sa() { "$cli" asye "$cf" self-assess "$@" >/dev/null; }
i=0
for ratings in 2:2:3 2:3:3 1:2:3 1:2:2 2:3:4 1:2:3 1:2:3 1:1:2 2:3:4 2:3:3; do
    i=$((i + 1))
    IFS=: read -r start mid end <<<"$ratings"
    sa --point start --item "$i" --rating "$start" --on 2025-12-08
    sa --point mid --item "$i" --rating "$mid" --on 2026-06-08
    sa --point end --item "$i" --rating "$end" --on 2026-11-23
done
sa --point start --item 1 --rating 2 --on 2025-12-08 \
    --comment "I build rapport quickly, but my visits lack a clear structure and purpose."
sa --point mid --item 1 --rating 2 --on 2026-06-08 \
    --comment "Visits now have an agreed purpose; I still find it hard to close them well."
sa --point end --item 1 --rating 3 --on 2026-11-23 \
    --comment "Families tell me they know why I am there and what happens next."
sa --point start --item 8 --rating 1 --on 2025-12-08 --comment "No court work yet."
sa --point end --item 8 --rating 2 --on 2026-11-23 \
    --comment "Two statements filed; I want more practice giving oral evidence."

display=:$((80 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x4400x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

shot() { # name theme args...
    local name=$1 theme=$2
    shift 2
    cp "${own:-$p}" "$work/shot.json" # each shot starts from the same portfolio, no drafts
    DISPLAY=$display XDG_DATA_HOME="$work/xdg" timeout 60 "$app" --file "$work/shot.json" \
        --size 1280x800 --theme "$theme" --screenshot "$work/$name.bmp" --frames 8 "$@"
    if command -v convert >/dev/null; then
        convert "$work/$name.bmp" "$out/$name.png"
    else
        cp "$work/$name.bmp" "$out/$name.bmp"
    fi
    echo "screenshots: $out/$name"
}

for theme in light dark; do
    shot "desktop-$theme-home" "$theme" --screen home
    shot "desktop-$theme-log" "$theme" --screen log
    shot "desktop-$theme-cpd-editor" "$theme" --edit-newest cpd
    shot "desktop-$theme-reflection" "$theme" --edit-newest reflection
    shot "desktop-$theme-frameworks" "$theme" --screen frameworks
    shot "desktop-$theme-reviews" "$theme" --screen reviews
    shot "desktop-$theme-settings" "$theme" --screen settings
    shot "desktop-$theme-share" "$theme" --screen share
    own=$mentor shot "desktop-$theme-mentor" "$theme" --review "$p"
    own=$mentor shot "desktop-$theme-cohort" "$theme" --cohort tests/fixtures/cohort
    own=$life shot "desktop-$theme-home-asye-life" "$theme" --screen home
    # The development plan and the self-assessment on a desktop, the whole of each screen
    # (taller windows), then at a phone's width (the same screens drawn by the desktop build at
    # 390 px: the one-column layout).
    own=$cf shot "desktop-$theme-reviews-plan" "$theme" --screen reviews --size 1280x2200
    own=$cf shot "desktop-$theme-self-assessment" "$theme" --screen self-assessment \
        --self-assessment-tab compare --size 1280x1500
done
own=$cf shot "phone-light-reviews-plan" light --screen reviews --size 390x3400
own=$cf shot "phone-light-self-assessment" light --screen self-assessment \
    --self-assessment-tab compare --size 390x4200
own=$cf shot "phone-light-self-assessment-rate" light --screen self-assessment \
    --self-assessment-tab end --size 390x2600

# The web engineer's phone screenshots (390x844), with the same demo portfolio.
# The web page at phone size (390x844, DPR 3, touch): home, log, a CPD editor, a reflection.
[ -n "${SCREENSHOTS_DESKTOP_ONLY:-}" ] || (source scripts/env.sh && node scripts/web-screenshots.mjs build/web "$out")
