//! Meeting roles from sentence structure: examples and counter-examples of
//! the rules in `src/meetings.rs` and `data/meetings/`.

use serde_json::Value;

fn meetings(text: &str) -> Vec<(Vec<String>, Option<String>, String)> {
    let opts = whomet::Options {
        date: Some("1996-08-27".parse().unwrap()),
        ..Default::default()
    };
    let v: Value = serde_json::from_str(&whomet::process("t", text, &opts).to_json()).unwrap();
    v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let mut names: Vec<String> = m["participants"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap().to_string())
                .collect();
            names.sort();
            (
                names,
                m["where"]["name"].as_str().map(str::to_string),
                m["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}
/// One expected record: its parties (sorted, as `meetings` gives them),
/// place and status.
fn record(
    parties: &[&str],
    place: Option<&str>,
    status: &str,
) -> (Vec<String>, Option<String>, String) {
    (
        parties.iter().map(|p| p.to_string()).collect(),
        place.map(str::to_string),
        status.to_string(),
    )
}

fn pairs(text: &str) -> Vec<Vec<String>> {
    meetings(text).into_iter().map(|m| m.0).collect()
}

#[test]
fn subject_and_object() {
    let m = pairs("Austrian Foreign Minister Karin Weber on Friday met former Kenyan president Daniel Moi, her office said.");
    assert_eq!(m, [["Daniel Moi", "Karin Weber"]]);
}

#[test]
fn a_speaker_is_no_party() {
    let m = pairs(
        "Olaf Scholz will meet Emmanuel Macron in Lyon on Thursday, spokesman Steffen Hebestreit said.",
    );
    assert_eq!(m, [["Emmanuel Macron", "Olaf Scholz"]]);
}

#[test]
fn a_person_merely_mentioned_is_no_party() {
    let m =
        pairs("Boris Yeltsin's envoy Alexander Lebed met rebel chief Aslan Maskhadov on Tuesday.");
    assert_eq!(m, [["Alexander Lebed", "Aslan Maskhadov"]]);
}

#[test]
fn coordination_with_a_title_and_an_apposition() {
    let m = pairs("Czech President Petr Pavel and his Austrian counterpart, Alexander Van der Bellen, met for lunch talks on Friday.");
    assert_eq!(m, [["Alexander Van der Bellen", "Petr Pavel"]]);
}

#[test]
fn relative_clause_subject() {
    let m = pairs("Lebed, who sat down with the Russian premier Viktor Chernomyrdin on Monday, now wants a meeting with Yeltsin.");
    assert!(
        m.contains(&vec![
            "Lebed".to_string(),
            "Viktor Chernomyrdin".to_string()
        ]),
        "{m:?}"
    );
}

#[test]
fn talks_between_two_states() {
    let m = pairs("Financial negotiations between Lebanon and Pakistan ended on Monday.");
    assert_eq!(m, [["Lebanon", "Pakistan"]]);
}

#[test]
fn a_tour_is_one_record_per_country() {
    let m = pairs("Japanese Prime Minister Fumio Kishida, who has already visited Peru and Chile, spends two days in Argentina.");
    assert!(
        m.contains(&vec!["Fumio Kishida".to_string(), "Peru".to_string()]),
        "{m:?}"
    );
    assert!(
        m.contains(&vec!["Chile".to_string(), "Fumio Kishida".to_string()]),
        "{m:?}"
    );
}

#[test]
fn a_plan_and_the_place_of_the_leg() {
    let m = meetings("Singapore's finance minister Lawrence Wong will visit Indonesia next Sunday. In Jakarta, Wong is to meet President Joko Widodo.");
    assert!(
        m.iter()
            .any(|(p, w, s)| p.contains(&"Joko Widodo".to_string())
                && w.as_deref() == Some("Jakarta")
                && s == "planned"),
        "{m:?}"
    );
}

#[test]
fn a_telephone_call_is_no_meeting() {
    assert!(pairs("Boris Yeltsin telephoned Bill Clinton on Monday.").is_empty());
}

#[test]
fn a_passive_cancellation_only() {
    let m = meetings("Croatian Prime Minister Andrej Plenkovic is due to meet Slovenian Prime Minister Robert Golob on Friday and will discuss the postponed border vote.");
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].2, "planned");
}

#[test]
fn a_possessor_country_is_not_part_of_the_name() {
    // "Chile's Ramirez": person Ramirez, the country apart
    let m = pairs("Chile's Ramirez met Peru's Castillo in Lima on Monday.");
    assert_eq!(m, [["Castillo", "Ramirez"]]);
}

#[test]
fn a_country_is_not_the_region_named_after_it() {
    // "Lebanon" stays the country although "Mount Lebanon" is named first
    let m = pairs(
        "Rain fell on Mount Lebanon on Sunday.\nFinancial negotiations between Lebanon and Pakistan resumed.",
    );
    assert_eq!(m, [["Lebanon", "Pakistan"]]);
}

#[test]
fn a_name_with_the_particle_wa() {
    let m = pairs("Prime Minister Mutua wa Kamau said on Thursday during a visit to Rwanda that trade would grow.");
    assert_eq!(m, [["Mutua wa Kamau", "Rwanda"]]);
}

#[test]
fn a_title_at_a_line_end_does_not_end_the_sentence() {
    let m = pairs("Minister Leo Brandt said after meeting Hong Kong Gov.\nChris Patten last month that visas would be eased.");
    assert_eq!(m, [["Chris Patten", "Leo Brandt"]]);
}

#[test]
fn a_title_phrase_before_the_person() {
    // the country qualifies the envoy's title; the envoy is the party
    let m =
        pairs("Julius Nkosi met the U.S. special envoy to Sudan, Carla Benn, in Geneva on Friday.");
    assert_eq!(m, [["Carla Benn", "Julius Nkosi"]]);
}

#[test]
fn a_visit_told_before_its_noun_and_a_tour_in_a_relative_clause() {
    let m = meetings(
        "Senator Ana Ruiz, in Peru for a visit, told reporters the deal was close. \
         Ruiz was in Peru at the start of a tour that will also take her to Chile and Ecuador.",
    );
    let got: Vec<(Vec<String>, String)> = m.into_iter().map(|(p, _, s)| (p, s)).collect();
    assert_eq!(
        got,
        [
            (
                vec!["Ana Ruiz".to_string(), "Peru".to_string()],
                "happened".to_string()
            ),
            (
                vec!["Ana Ruiz".to_string(), "Chile".to_string()],
                "planned".to_string()
            ),
            (
                vec!["Ana Ruiz".to_string(), "Ecuador".to_string()],
                "planned".to_string()
            ),
        ]
    );
}

#[test]
fn a_tour_that_includes_countries_is_planned() {
    let m = meetings("Ana Ruiz arrived in Chile on Friday. Her tour will also include Bolivia.");
    assert!(m.contains(&record(
        &["Ana Ruiz", "Bolivia"],
        Some("Bolivia"),
        "planned"
    )));
}

#[test]
fn the_leg_of_a_tour_is_the_place_and_its_day_the_time() {
    let m = meetings(
        "Finance Secretary Li Wen will visit Malaysia and Australia from September 10 to 16, the government said. \
         On his Australia leg from September 13, Li will meet Prime Minister Paul Keating.",
    );
    // the meeting with a named host replaces the country as a party
    assert!(m.contains(&record(
        &["Li Wen", "Paul Keating"],
        Some("Australia"),
        "planned"
    )));
    assert!(!m.iter().any(|x| x.0.contains(&"Australia".to_string())));
}

#[test]
fn during_his_visit_names_the_subject_after_the_comma() {
    let m = meetings(
        "Ana Ruiz spoke on Monday.\nDuring her visit to Slovakia, Marta Kowalska is also expected to meet Prime Minister Jan Novak.",
    );
    assert_eq!(
        m,
        [record(
            &["Jan Novak", "Marta Kowalska"],
            Some("Slovakia"),
            "planned"
        )]
    );
}

#[test]
fn an_apposition_naming_the_body_led_is_no_party() {
    let m = pairs("Envoy Carl Moss will travel on to Huambo, where he should be received by Tomas Kiala, leader of Frelimo.");
    assert_eq!(m, [["Carl Moss", "Tomas Kiala"]]);
}

#[test]
fn a_meeting_noun_with_a_modal_after_it_is_planned() {
    let m = meetings(
        "The meeting between Maria Lenz and Paolo Serra will take place at the Quirinale.",
    );
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].2, "planned");
}

#[test]
fn a_cue_in_an_apposition_does_not_set_the_status() {
    let m = meetings("President Dan Eliav, weighing a possible meeting with Omar Haddad, consulted on Sunday with Prime Minister Ruth Golan.");
    assert!(m.contains(&record(&["Dan Eliav", "Ruth Golan"], None, "happened")));
}

#[test]
fn a_time_after_until_or_since_is_another_events() {
    let opts = whomet::Options {
        date: Some("1996-08-27".parse().unwrap()),
        ..Default::default()
    };
    let rec = whomet::process(
        "t",
        "Karl Brenner and Aslan Dudov agreed after talks to defer the decision until December 31, 2001.",
        &opts,
    );
    assert_eq!(rec.meetings.len(), 1);
    assert!(rec.meetings[0].when.is_none());
}

#[test]
fn a_visit_told_again_and_the_visit_of_a_meeting_are_one_record() {
    let m = meetings(
        "Trade Minister Tom Baird arrived in Beijing on Thursday at the start of a four-day visit. \
         Baird was due to hold talks with Chinese Foreign Minister Wang Yi, an aide said. \
         Baird is the first member of the new cabinet to visit China.",
    );
    assert_eq!(
        m,
        [record(
            &["Tom Baird", "Wang Yi"],
            Some("Beijing"),
            "planned"
        )]
    );
}

#[test]
fn after_meeting_takes_the_clause_subject() {
    let m = pairs("Senator Dana Holt reached the border town by helicopter on Tuesday after meeting militia commander General Omar Wardak.");
    assert_eq!(m, [["Dana Holt", "Omar Wardak"]]);
}

#[test]
fn a_subject_far_from_a_verb_to_meet() {
    let m = pairs("Anton Pavlov, the newly named security adviser, was still waiting at his dacha to meet Boris Yeltsin.");
    assert_eq!(m, [["Anton Pavlov", "Boris Yeltsin"]]);
}

#[test]
fn a_pronoun_subject_of_a_second_verb_past_an_aside() {
    let m = pairs("Anton Pavlov spoke on Sunday.\nHe met Prime Minister Viktor Orlov on Monday and, according to his press service, could meet Boris Yeltsin on Tuesday.");
    assert_eq!(
        m,
        [
            ["Anton Pavlov", "Viktor Orlov"],
            ["Anton Pavlov", "Boris Yeltsin"]
        ]
    );
}

#[test]
fn an_object_after_the_place_of_the_meeting() {
    let m = pairs("Opposition leader Karim Aziz met in Erbil the chairman of the Mountain Farmers Union (MFU) Hassan Rastegar late on Wednesday.");
    assert_eq!(m, [["Hassan Rastegar", "Karim Aziz"]]);
}

#[test]
fn a_demonym_is_not_an_organisation_named_after_it() {
    // "Saudi" alone is no short form of "Saudi Press Agency"
    let m = pairs(
        "Senator Tom Hale met Saudi officials on Monday, the official Saudi Press Agency reported.",
    );
    assert!(!m.iter().flatten().any(|p| p == "Saudi Press Agency"));
}

#[test]
fn the_two_leaders_are_the_two_people_named_last() {
    let m = pairs(
        "The truce came after contacts with Ali Karimi, leader of the Front, and Omar Saleh, leader of the Union.\n\
         Spokesman Tim Gale said the shelling would end at dawn.\n\
         The two leaders will also meet Assistant Secretary Ruth Ames next month, Gale added.",
    );
    assert_eq!(
        m,
        [["Ali Karimi", "Omar Saleh", "Ruth Ames"]
            .map(String::from)
            .to_vec()]
        .map(|mut v| {
            v.sort();
            v
        })
    );
}

#[test]
fn a_far_negation_does_not_cancel() {
    let m = meetings("Tom Baird will meet Wang Yi in September.\nThe statement named no venue or exact date for the meeting.");
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].2, "planned");
}

#[test]
fn visitors_after_the_verb_each_visit() {
    let m = pairs("Also due to visit Chile before the end of the year are Polish President Jan Nowak and Danish Premier Lars Holm.");
    assert_eq!(m, [["Chile", "Jan Nowak"], ["Chile", "Lars Holm"]]);
}

fn whens(text: &str) -> Vec<Option<String>> {
    let opts = whomet::Options {
        date: Some("1996-08-27".parse().unwrap()),
        ..Default::default()
    };
    let v: Value = serde_json::from_str(&whomet::process("t", text, &opts).to_json()).unwrap();
    v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["when"]["text"].as_str().map(str::to_string))
        .collect()
}

fn organisations(text: &str) -> Vec<String> {
    let v: Value =
        serde_json::from_str(&whomet::process("t", text, &Default::default()).to_json()).unwrap();
    v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "organisation")
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn they_are_the_people_named_just_before() {
    let m = pairs(
        "The agency said Anna Kowalski, 40, and Peter Brandt, 52, were held in a camp in the north. \
         It said Lucia Ferri, 33, was held in the village. \
         It said last Monday they were visited by Father Karl Huber, bishop of the local diocese, and a UNICEF official.",
    );
    assert_eq!(
        m,
        [[
            "Anna Kowalski",
            "Karl Huber",
            "Lucia Ferri",
            "Peter Brandt",
            "UNICEF"
        ]]
    );
    // the time between "said" and "they" is the visit's
    assert_eq!(
        whens("The agency said Anna Kowalski and Peter Brandt were held in a camp. It said last Monday they were visited by Bishop Karl Huber."),
        [Some("last Monday".to_string())]
    );
}

#[test]
fn an_institution_named_by_its_state_adjective() {
    let m = meetings("Dutch police have visited Poland and will visit Hungary.");
    assert_eq!(
        m,
        [
            record(&["Dutch police", "Poland"], Some("Poland"), "happened"),
            record(&["Dutch police", "Hungary"], Some("Hungary"), "planned")
        ]
    );
    assert!(
        organisations("Dutch police have visited Poland.").contains(&"Dutch police".to_string())
    );
    // no meeting, no party: the entity list is the tagger's
    assert!(organisations("Dutch police said on Monday the roads were closed.").is_empty());
    // unnamed officials are no party
    assert!(pairs("Dutch officials met on Monday.").is_empty());
    // a body that only looks into a visit is no party to it
    assert!(pairs(
        "The Chilean police are also investigating visits by ten students to Peru, at the invitation of John Smithers."
    )
    .is_empty());
    // a named commander is the party, not his army
    let m = pairs("The Russian army commander, General Ivan Petrov, held talks with rebel chief Aslan Barayev.");
    assert_eq!(m, [["Aslan Barayev", "Ivan Petrov"]]);
}

#[test]
fn a_named_body_and_its_short_form_in_a_subject_list() {
    let m = pairs("Delegates from the Chilean government and the Southern Liberation Army (SLA) concluded negotiations on Monday.");
    assert_eq!(m, [["Chilean government", "Southern Liberation Army"]]);
}

#[test]
fn a_visit_and_the_meeting_with_its_host_are_one() {
    let m = meetings(
        "Canadian envoy Mary Tallis arrived in Peru late Friday for talks with Peruvian officials. \
         Tallis will meet Foreign Minister Jorge Pardo on Monday.",
    );
    assert_eq!(
        m,
        [record(
            &["Jorge Pardo", "Mary Tallis"],
            Some("Peru"),
            "planned"
        )]
    );
}

#[test]
fn a_meeting_takes_the_place_of_the_visit_just_told() {
    let m = meetings(
        "Prime Minister Hasan Kovac arrived in Ankara late on Tuesday, starting an official visit. \
         Kovac is expected to meet President Kemal Aslan and Foreign Minister Ayla Demir as well.",
    );
    assert!(
        m.contains(&record(
            &["Ayla Demir", "Hasan Kovac", "Kemal Aslan"],
            Some("Ankara"),
            "planned"
        )),
        "{m:?}"
    );
}

#[test]
fn a_companion_joins_the_encounter() {
    let m = pairs(
        "King Mahendra Shah flew out on Friday for a state visit to China. \
         The king, who is accompanied by Foreign Minister Ram Prasad Koirala, is due to meet President Li Wen in Beijing on Sunday.",
    );
    assert!(
        m.contains(&vec![
            "Li Wen".to_string(),
            "Mahendra Shah".to_string(),
            "Ram Prasad Koirala".to_string()
        ]),
        "{m:?}"
    );
}

#[test]
fn departures_and_stays_are_visits() {
    let m = meetings(
        "Prime Minister Kenji Sato left Brasilia on Monday for Lima, his fourth stop in the region. \
         Sato, who had earlier visited Mexico and Chile, spent two weeks in Brazil.",
    );
    let find = |c: &str| m.iter().find(|x| x.0.contains(&c.to_string())).cloned();
    assert_eq!(find("Peru").map(|x| (x.1, x.2)), None, "{m:?}");
    let brazil = find("Brazil").expect("a visit to Brazil");
    // the lexicon's own spelling of the capital
    assert_eq!(brazil.1.as_deref(), Some("Brasília"));
    assert_eq!(brazil.2, "happened");
    assert!(find("Mexico").is_some() && find("Chile").is_some());
    assert!(!m.iter().any(|x| x.0 == ["Chile", "Mexico"]), "{m:?}");
    // no place after "for": nothing
    assert!(pairs("Kenji Sato left the party in 1990 for good.").is_empty());
    assert!(pairs("Kenji Sato spent millions in Brazil.").is_empty());
}

#[test]
fn the_speakers_day_dates_an_encounter_in_its_adjunct() {
    let w = whens("Minister Ivo Kranjc said on Thursday after a meeting with Ana Novak that the plan needed more work.");
    assert_eq!(w, [Some("Thursday".to_string())]);
}

#[test]
fn a_relative_clause_keeps_its_own_time() {
    let w = whens("The king, Mahendra Shah, who last visited China in 1993, was due to meet President Li Wen.");
    assert!(
        !w.contains(&Some("in 1993".to_string())) || w.len() > 1,
        "{w:?}"
    );
}

#[test]
fn whom_he_met() {
    let m = pairs("U.S. envoy Robert Kane reassured party officials, including its leader, President Ivan Horvat, whom he met during a Friday visit.");
    assert_eq!(m, [["Ivan Horvat", "Robert Kane"]]);
}

#[test]
fn the_first_stop_of_a_tour_begins_at_its_span() {
    let opts = whomet::Options {
        date: Some("1996-08-23".parse().unwrap()),
        ..Default::default()
    };
    let text = "Finance Secretary Mary Chen will visit Vietnam and Cambodia from August 25 to 31, her office said.";
    let v: Value = serde_json::from_str(&whomet::process("t", text, &opts).to_json()).unwrap();
    let whens: Vec<(String, String, String)> = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["where"]["name"].as_str().unwrap_or("").to_string(),
                m["when"]["text"].as_str().unwrap_or("").to_string(),
                m["when"]["value"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(
        whens.contains(&("Vietnam".into(), "August 25".into(), "1996-08-25".into())),
        "{whens:?}"
    );
    assert!(
        whens.contains(&(
            "Cambodia".into(),
            "August 25 to 31".into(),
            "1996-08-25/1996-08-31".into()
        )),
        "{whens:?}"
    );
}

#[test]
fn a_body_in_an_apposition_is_not_the_subject() {
    let m = meetings("Mali's president, Amadou Keita, vice-president of the African Union, left for Ghana on August 16 to prepare the next summit in Kenya.");
    assert_eq!(
        m,
        [record(
            &["Amadou Keita", "Ghana"],
            Some("Ghana"),
            "happened"
        )]
    );
}

#[test]
fn a_meeting_between_a_state_adjective_and_a_body() {
    let m = pairs("Israel complained on Monday that Yasser Arafat had called off a meeting between Israeli and PLO officials about fishing rights.");
    assert_eq!(m, [["Israel", "Palestine Liberation Organization"]]);
}

#[test]
fn a_royal_title_before_one_given_name() {
    // "Hussein" is also in the lower-case word list and "Sultan" is also a
    // title: after a title, each is the name
    let m = pairs("Senator Ruth Calder met King Hussein and Defence Minister Prince Sultan in Amman on Monday.");
    assert_eq!(
        m,
        [["Hussein", "Ruth Calder", "Sultan"]
            .map(String::from)
            .to_vec()]
    );
}

#[test]
fn the_visitors_next_meetings_join_the_visit() {
    let m = pairs(
        "Dutch Finance Minister Pieter Smit will travel to Norway on Monday, the ministry said. \
         Smit plans to meet his Norwegian colleague Ola Berg. \
         He is also due to meet Prime Minister Kari Lund for talks.",
    );
    assert_eq!(
        m,
        [["Kari Lund", "Ola Berg", "Pieter Smit"]
            .map(String::from)
            .to_vec()]
    );
    // a meeting of another day is an encounter of its own
    let m = pairs(
        "Pieter Smit met Ola Berg in Oslo on Monday. \
         He will meet Kari Lund on Thursday.",
    );
    assert_eq!(m.len(), 2);
}

#[test]
fn a_family_name_that_is_a_plain_word_opens_a_sentence() {
    // "Stone" alone at a sentence start is the Brad Stone named before
    let m = pairs(
        "The studio is making a sequel to the Brad Stone thriller. \
         Stone will soon sit down with writer John Hale, the paper said.",
    );
    assert_eq!(m, [["Brad Stone", "John Hale"]]);
}

#[test]
fn a_possessive_after_a_short_place_is_no_part_of_a_name() {
    let m = pairs(
        "HK's Pangu visits Kenya.\n\
         The territory's finance chief, Daniel Pangu, will visit Kenya on a trade mission next week.",
    );
    assert!(
        m.iter().all(|p| p.iter().all(|n| !n.starts_with('\''))),
        "{m:?}"
    );
    assert!(
        m.contains(&vec!["Daniel Pangu".to_string(), "Kenya".to_string()]),
        "{m:?}"
    );
}

#[test]
fn a_host_verb_with_no_named_guest_is_no_encounter() {
    let m = pairs(
        "Acme Mining and Zenith Metals have both received a licence from the regional authority to dig a new pit.",
    );
    assert!(m.is_empty(), "{m:?}");
    // a pronoun guest is still one
    let m = pairs(
        "Mark Rutte flew to Berlin on Monday. Chancellor Olaf Scholz received him at the chancellery.",
    );
    assert_eq!(m, [["Mark Rutte", "Olaf Scholz"]]);
}

#[test]
fn a_capital_visited_stands_for_the_country_its_demonym_names() {
    let m = meetings(
        "The parliament's speaker, Omar Haddad, arrived in Rabat on Monday to join the Moroccan national day festivities.",
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, ["Morocco", "Omar Haddad"]);
    assert_eq!(m[0].1.as_deref(), Some("Rabat"));
    // no demonym, no country named: no host party
    assert!(pairs("Omar Haddad arrived in Rabat on Monday.").is_empty());
}
