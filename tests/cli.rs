//! The `whomet` command as a user runs it: inputs, order, exit codes,
//! `-o`, JSON Lines, bad inputs, a closed pipe, `--jobs`.

use assert_cmd::Command;
use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

const ARTICLE: &str = "MOSCOW, Sept. 13 (Reuters) - Kim Jong Un met Vladimir Putin in Vladivostok on Monday.\nThey spoke for hours.\n";

fn whomet() -> Command {
    let mut c = Command::cargo_bin("whomet").unwrap();
    c.arg("--quiet");
    c
}

fn lines(out: &[u8]) -> Vec<serde_json::Value> {
    std::str::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("stdout holds only JSON records"))
        .collect()
}

fn sources(out: &[u8]) -> Vec<String> {
    lines(out)
        .iter()
        .map(|v| v["source"].as_str().unwrap().to_string())
        .collect()
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    if let Some(d) = path.parent() {
        fs::create_dir_all(d).unwrap();
    }
    fs::write(path, text).unwrap();
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn standard_input_is_one_article() {
    let out = whomet().write_stdin(ARTICLE).output().unwrap();
    assert!(out.status.success());
    let recs = lines(&out.stdout);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["source"], "-");
    for key in ["date", "entities", "dates", "meetings"] {
        assert!(recs[0].get(key).is_some(), "{key} missing");
    }
}

#[test]
fn files_keep_their_order_and_folders_are_sorted() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    for name in [
        "b/2.txt",
        "b/10.txt",
        "a.txt",
        "a/z.txt",
        "c.md",
        "b/skip.json",
    ] {
        write(&root.join(name), ARTICLE);
    }
    let out = whomet()
        .current_dir(root)
        .args(["c.md", "b", "a.txt", "a"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        sources(&out.stdout),
        ["c.md", "b/10.txt", "b/2.txt", "a.txt", "a/z.txt"]
    );
    let out = whomet()
        .current_dir(root)
        .args(["--ext", "md,txt", "."])
        .output()
        .unwrap();
    assert_eq!(
        sources(&out.stdout),
        ["./a/z.txt", "./a.txt", "./b/10.txt", "./b/2.txt", "./c.md"]
    );
}

#[test]
fn exit_status_tells_what_was_lost() {
    let d = tempfile::tempdir().unwrap();
    write(&d.path().join("ok.txt"), ARTICLE);
    let out = whomet()
        .current_dir(d.path())
        .args(["ok.txt", "missing.txt", "ok.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(sources(&out.stdout), ["ok.txt", "ok.txt"]);
    assert_eq!(stderr(&out), "whomet: missing.txt: no such file\n");

    // Usage errors.
    for args in [
        &["--frobnicate"][..],
        &["--date", "13/09/2023", "x"],
        &["--input", "xml"],
    ] {
        let out = whomet().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
    }
    whomet().arg("--help").assert().success();
}

#[test]
fn bad_inputs_are_named_and_the_rest_written() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(&root.join("1-binary.txt"), b"PNG\0\0\x01rest");
    write(&root.join("2-latin1.txt"), b"Caf\xe9 talks in Paris.");
    write(&root.join("3-empty.txt"), b"");
    write(&root.join("4-ok.txt"), ARTICLE);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("5-dangling.txt")).unwrap();
        std::os::unix::fs::symlink(root, root.join("6-loop")).unwrap();
    }
    let out = whomet().current_dir(root).arg(".").output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        sources(&out.stdout),
        ["./2-latin1.txt", "./3-empty.txt", "./4-ok.txt"]
    );
    assert!(err.contains("./1-binary.txt: binary file"), "{err}");
    assert!(
        err.contains("warning: ./2-latin1.txt: invalid UTF-8"),
        "{err}"
    );
    #[cfg(unix)]
    {
        assert!(
            err.contains("./5-dangling.txt: dangling symbolic link"),
            "{err}"
        );
        assert!(err.contains("./6-loop: symbolic link loop"), "{err}");
    }
    let recs = lines(&out.stdout);
    let empty = &recs[1];
    for key in ["entities", "dates", "meetings"] {
        assert_eq!(empty[key], serde_json::json!([]), "{key}");
    }
    // Each problem is one line.
    assert_eq!(err.lines().count(), if cfg!(unix) { 4 } else { 2 }, "{err}");
}

#[test]
fn a_dangling_link_named_on_the_command_line() {
    #[cfg(unix)]
    {
        let d = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(d.path().join("gone"), d.path().join("l.txt")).unwrap();
        let out = whomet()
            .current_dir(d.path())
            .arg("l.txt")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            stderr(&out),
            "whomet: l.txt: dangling symbolic link (its target does not exist)\n"
        );
    }
}

#[test]
fn unreadable_files_are_named() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("secret.txt");
        write(&p, ARTICLE);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read(&p).is_ok() {
            return; // running as root: nothing is unreadable
        }
        let out = whomet().current_dir(d.path()).arg(".").output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("secret.txt: permission denied"));
    }
}

const JSONL: &str = concat!(
    r#"{"id": "kim-1", "text": "Kim Jong Un met Vladimir Putin on Monday.", "date": "2023-09-13"}"#,
    "\n",
    r#"{"id": 2, "text": "No date here."}"#,
    "\r\n",
    "\n",
    r#"{"id": 3, "text": "Broken"#,
    "\n",
    r#"{"id": 4, "txt": "no text field"}"#,
    "\n",
    r#"{"text": "No id.", "date": null}"#,
    "\n"
);

#[test]
fn json_lines_from_standard_input_and_files() {
    let out = whomet()
        .args(["--input", "jsonl", "--date", "2001-01-01"])
        .write_stdin(JSONL)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let recs = lines(&out.stdout);
    assert_eq!(sources(&out.stdout), ["kim-1", "2", "-:6"]);
    // The line's date wins; --date is the fallback.
    assert_eq!(recs[0]["date"], "2023-09-13");
    assert_eq!(recs[1]["date"], "2001-01-01");
    assert_eq!(recs[2]["date"], "2001-01-01");
    let err_lines: Vec<&str> = err.lines().collect();
    assert_eq!(err_lines.len(), 2, "{err}");
    assert!(
        err_lines[0].starts_with("whomet: -:4: malformed JSON line"),
        "{err}"
    );
    assert_eq!(
        err_lines[1],
        "whomet: -:5: JSON line has no \"text\" field, skipped"
    );

    let d = tempfile::tempdir().unwrap();
    write(&d.path().join("in/a.jsonl"), JSONL);
    write(
        &d.path().join("in/b.jsonl"),
        "{\"id\":\"b\",\"text\":\"x\"}\n",
    );
    write(&d.path().join("in/c.txt"), "not read");
    let out = whomet()
        .current_dir(d.path())
        .args(["--input", "jsonl", "in"])
        .output()
        .unwrap();
    assert_eq!(sources(&out.stdout), ["kim-1", "2", "in/a.jsonl:6", "b"]);
    assert!(stderr(&out).contains("in/a.jsonl:4: malformed"));
}

#[test]
fn output_file_is_complete_or_untouched() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(&root.join("in/a.txt"), ARTICLE);
    write(&root.join("in/b.txt"), ARTICLE);
    whomet()
        .current_dir(root)
        .args(["in", "-o", "out.jsonl"])
        .assert()
        .success()
        .stdout("");
    let text = fs::read(root.join("out.jsonl")).unwrap();
    assert_eq!(sources(&text), ["in/a.txt", "in/b.txt"]);

    // The target cannot be replaced (a folder is in the way): nothing is
    // written, the temporary file is gone, exit 1.
    fs::create_dir(root.join("taken")).unwrap();
    let out = whomet()
        .current_dir(root)
        .args(["in", "-o", "taken"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("whomet: cannot write taken:"),
        "{}",
        stderr(&out)
    );
    assert!(root.join("taken").is_dir());
    // A folder that does not exist.
    let out = whomet()
        .current_dir(root)
        .args(["in", "-o", "no/such/dir/out.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let left: Vec<_> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".whomet-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(sources(&fs::read(root.join("out.jsonl")).unwrap()).len(), 2);
}

fn big_jsonl(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "{{\"id\": {i}, \"text\": \"{ARTICLE_ESC} Item {i}.\"}}\n",
            ARTICLE_ESC = ARTICLE.replace('\n', "\\n")
        ));
        if i % 97 == 5 {
            s.push_str("{oops\n");
        }
    }
    s
}

#[test]
fn jobs_do_not_change_the_output() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in.jsonl");
    write(&input, big_jsonl(400));
    let dir = d.path().join("texts");
    for i in 0..40 {
        write(
            &dir.join(format!("{i:03}.txt")),
            format!("{ARTICLE} Number {i}."),
        );
    }
    write(&dir.join("bin.txt"), b"\0");
    let run = |args: &[&str]| whomet().args(args).output().unwrap();
    let jl = input.to_str().unwrap();
    let tx = dir.to_str().unwrap();
    let base_j = run(&["-j", "1", "--input", "jsonl", jl]);
    let base_t = run(&["-j", "1", tx]);
    assert_eq!(lines(&base_j.stdout).len(), 400);
    assert_eq!(lines(&base_t.stdout).len(), 40);
    for j in ["2", "3", "8"] {
        let o = run(&["-j", j, "--input", "jsonl", jl]);
        assert_eq!(o.stdout, base_j.stdout, "-j {j}");
        assert_eq!(o.stderr, base_j.stderr, "-j {j}");
        assert_eq!(o.status.code(), Some(1));
        let o = run(&["--jobs", j, tx]);
        assert_eq!(o.stdout, base_t.stdout, "-j {j}");
        assert_eq!(o.stderr, base_t.stderr, "-j {j}");
    }
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in.jsonl");
    write(&input, big_jsonl(20_000));
    for jobs in ["1", "2"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("whomet"))
            .args(["--quiet", "-j", jobs, "--input", "jsonl"])
            .arg(&input)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 64];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout); // like `| head -c 64`
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(status.success(), "{status:?}");
        // Only the malformed lines read before the pipe closed, no panic.
        assert!(!err.contains("panick"), "{err}");
        assert!(err.lines().all(|l| l.contains("malformed JSON")), "{err}");
    }
}

#[test]
fn stdout_holds_only_records_and_stdin_dash_works_with_files() {
    let d = tempfile::tempdir().unwrap();
    write(&d.path().join("a.txt"), ARTICLE);
    let mut cmd = whomet();
    cmd.current_dir(d.path()).args(["a.txt", "-"]);
    let out = cmd.write_stdin("Second article.").output().unwrap();
    assert!(out.status.success());
    assert_eq!(sources(&out.stdout), ["a.txt", "-"]);
}

#[test]
fn saved_web_pages() {
    let d = tempfile::tempdir().unwrap();
    let page = "<html><head><title>Summit</title></head><body><article><h1>Summit</h1><p>Kim Jong Un met Vladimir Putin in Vladivostok on Monday.</p></article></body></html>";
    write(&d.path().join("pages/b.html"), page);
    write(&d.path().join("pages/a.htm"), page);
    write(&d.path().join("pages/c.txt"), "not a page");
    let out = whomet()
        .current_dir(d.path())
        .args(["--input", "html", "-j", "2", "pages"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sources(&out.stdout), ["pages/a.htm", "pages/b.html"]);
    for r in lines(&out.stdout) {
        assert!(r["text"].as_str().unwrap().contains("Putin"), "{r}");
    }
}

#[test]
fn pages_are_read_beside_text_by_default() {
    let d = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html><html><head><title>Summit | Site</title><meta property=\"article:published_time\" content=\"2023-09-13T08:00:00Z\"></head><body><nav><a href=\"/\">Home</a> Boris Johnson</nav><article><h1>Summit</h1><p>Kim Jong Un met Vladimir Putin in Vladivostok on Monday.</p></article><footer>Contact Jane Doe</footer></body></html>";
    write(&d.path().join("in/b.html"), page);
    write(&d.path().join("in/c.txt"), ARTICLE);
    // a page saved with the wrong extension is still recognised
    write(&d.path().join("in/d.txt"), page);
    let out = whomet().current_dir(d.path()).arg("in").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sources(&out.stdout), ["in/b.html", "in/c.txt", "in/d.txt"]);
    let recs = lines(&out.stdout);
    for r in [&recs[0], &recs[2]] {
        assert_eq!(r["title"], "Summit");
        assert_eq!(r["date"], "2023-09-13");
        let text = r["text"].as_str().unwrap();
        assert!(text.contains("Putin") && !text.contains("Johnson") && !text.contains("Jane"));
        let names: Vec<&str> = r["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["name"].as_str().unwrap())
            .collect();
        assert!(
            names.contains(&"Vladimir Putin") && !names.contains(&"Boris Johnson"),
            "{names:?}"
        );
        assert_eq!(r["meetings"].as_array().unwrap().len(), 1);
    }
    // plain text carries no title, and its text only on request
    assert!(recs[1].get("title").is_none() && recs[1].get("text").is_none());
    let out = whomet()
        .current_dir(d.path())
        .args(["--with-text", "in/c.txt"])
        .output()
        .unwrap();
    assert_eq!(lines(&out.stdout)[0]["text"], ARTICLE);
    // --date still wins over the page's own date
    let out = whomet()
        .current_dir(d.path())
        .args(["--date", "2023-09-20", "in/b.html"])
        .output()
        .unwrap();
    assert_eq!(lines(&out.stdout)[0]["date"], "2023-09-20");
}
