"""Open every data file in the real yaml-language-server (what VS Code's YAML extension runs)
and report the diagnostics it shows.  Run through scripts/editor-check, which installs it.

Proves three things: the example data shows no diagnostics in the editor; the schema line
and the folder map in .vscode/settings.json both reach the schema; and the server really
checks (deliberately wrong documents must be underlined).  Exit 0 when all hold.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRS = [ROOT / "roadmap_data", ROOT / "tests" / "fixtures" / "minimal"]


class Server:
    """A minimal Language Server Protocol client over stdio."""

    def __init__(self, command: list[str]):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.diagnostics: dict[str, list[dict]] = {}
        self.replies: dict[int, dict] = {}
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.proc.stdin.flush()

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with self.lock:
                if ident in self.replies:
                    return self.replies.pop(ident)
            time.sleep(0.02)
        raise TimeoutError(f"no answer to {method}")

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(stream.read(length))
            self._handle(message)

    def _handle(self, message: dict) -> None:
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            with self.lock:
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif method == "workspace/configuration":
            items = message["params"]["items"]
            self.send({"id": message["id"], "result": [
                SETTINGS.get(i.get("section", ""), None) for i in items]})
        elif "id" in message and method is not None:
            self.send({"id": message["id"], "result": None})  # other server requests
        elif "id" in message:
            with self.lock:
                self.replies[message["id"]] = message


_vscode = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
SETTINGS = {
    "yaml": {
        "validate": True, "hover": True, "completion": True,
        "yamlVersion": _vscode.get("yaml.yamlVersion", "1.2"),
        "schemas": {(ROOT / k).resolve().as_uri(): v for k, v in _vscode["yaml.schemas"].items()},
        "schemaStore": {"enable": False},
        "format": {"enable": False},
    },
    "http": {}, "[yaml]": {}, "editor": {"tabSize": 2}, "files": {},
}

#: Deliberately wrong documents: (path inside the repo, text, what must be underlined).
BAD = [
    ("roadmap_data/goals/zz-editor-check-bad.yml",
     "title: A goal\nsumary: misspelt field\nsuccess_looks_like: []\nvisibility: NO\n",
     ["sumary", "visibility", "summary", "success_looks_like"]),
    ("roadmap_data/indicators/zz-editor-check-bad.yml",
     "# yaml-language-server: $schema=../../schema/indicator.schema.json\n"
     "name: x\nunit: percentage\nseries:\n  2011-12: twelve\n  1.10: 3\n"
     "next_update: 31/03/2027\n",
     ["unit", "twelve", "1.10", "31/03/2027"]),
]


SCALARS = ["NO", "no", "yes", "Yes", "on", "off", "y", "n", "12:30", "1:20:30", "2012-Q3",
           "2011-12", "1_000", "1.2.3", ".5.", "true", "False", "12", "-3", "+12", "1.5",
           "1e3", "1.10", "~", "null", "", "2012-09-30", ".inf", "010", "0x1F", "0o17"]


def scalar_agreement(node_modules: Path) -> int:
    """Compare how the editor's YAML parser and the strict loader read each scalar."""
    sys.path.insert(0, str(ROOT))
    from goldenthread.read.loader import load_text

    script = ("const Y=require(process.argv[1]);for(const v of JSON.parse(process.argv[2]))"
              "{const d=Y.parse('v: '+v);console.log(JSON.stringify([v,d.v===null?'null':"
              "typeof d.v]))}")
    out = subprocess.run(["node", "-e", script, str(node_modules / "yaml"),
                          json.dumps(SCALARS)], capture_output=True, text=True, check=True)
    names = {str: "string", bool: "boolean", int: "number", float: "number",  # bool before int
             type(None): "null"}
    disagreements = 0
    for line in out.stdout.splitlines():
        value, editor = json.loads(line)
        problems: list = []
        ours = load_text("x.yml", f"v: {value}\n", problems).data
        if problems:
            ours_kind = f"refused ({problems[0].code})"
        else:
            raw = ours["v"]
            ours_kind = "date" if hasattr(raw, "isoformat") else next(
                name for kind, name in names.items() if isinstance(raw, kind))
        # A date is text to the editor, checked by the schema's 'format: date'.
        agree = ours_kind == editor or (ours_kind == "date" and editor == "string")
        refused = ours_kind.startswith("refused")
        disagreements += not (agree or refused)
        note = "" if agree else ("  (refused by the check: could be read two ways)" if refused
                                 else "  DISAGREE")
        print(f"    {value!r:14} editor: {editor:8} check: {ours_kind}{note}")
    return disagreements


def main() -> int:
    command = sys.argv[1:]
    print("How the editor's parser and the check read plain values:")
    failures = scalar_agreement(Path(command[-2]).resolve().parents[2])
    server = Server(command)
    server.request("initialize", {
        "processId": None, "rootUri": ROOT.as_uri(),
        "workspaceFolders": [{"uri": ROOT.as_uri(), "name": "golden-thread"}],
        "capabilities": {"workspace": {"configuration": True},
                         "textDocument": {"publishDiagnostics": {}}},
    })
    server.notify("initialized", {})
    server.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
    documents: dict[str, tuple[str, str]] = {}
    for data_dir in DATA_DIRS:
        for file in sorted(data_dir.rglob("*.yml")):
            documents[file.as_uri()] = (file.relative_to(ROOT).as_posix(),
                                        file.read_text(encoding="utf-8"))
    # The same goal without its schema line: the folder map alone must find the schema.
    sample = ROOT / "roadmap_data" / "goals"
    first = sorted(sample.glob("*.yml"))[0]
    text = first.read_text(encoding="utf-8").split("\n", 1)[1]
    bare_uri = (sample / "zz-editor-check-no-schema-line.yml").as_uri()
    documents[bare_uri] = ("(folder map) " + first.name, text)
    for path, bad_text, _ in BAD:
        documents[(ROOT / path).as_uri()] = (path, bad_text)
    for version, (uri, (_, content)) in enumerate(documents.items(), start=1):
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": version, "text": content}})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(server.diagnostics) < len(documents):
        time.sleep(0.1)
    time.sleep(2)  # let any second round of diagnostics arrive
    bad_uris = {(ROOT / path).as_uri(): expect for path, _, expect in BAD}
    for uri, (shown, content) in documents.items():
        found = server.diagnostics.get(uri)
        if found is None:
            print(f"{shown}: the server sent no diagnostics at all (not checked?)")
            failures += 1
        elif uri in bad_uris:
            lines = content.split("\n")
            marked = " ".join(lines[d["range"]["start"]["line"]] + " " + d["message"]
                              for d in found)
            missed = [word for word in bad_uris[uri] if word not in marked]
            print(f"{shown}: {len(found)} diagnostic(s) on a deliberately wrong file"
                  + (f"; MISSED {missed}" if missed else " (as expected)"))
            for d in found:
                print(f"    line {d['range']['start']['line'] + 1}: {d['message']}")
            failures += bool(missed)
        elif found:
            failures += 1
            for d in found:
                print(f"{shown}:{d['range']['start']['line'] + 1}: {d['message']}")
    hover = server.request("textDocument/hover", {
        "textDocument": {"uri": bare_uri}, "position": {"line": text.split("\n").index(
            next(x for x in text.split("\n") if x.startswith("title:"))), "character": 1}})
    contents = (hover.get("result") or {}).get("contents", {})
    hover_text = contents.get("value", "") if isinstance(contents, dict) else str(contents)
    print(f"hover on 'title:' shows: {hover_text.strip()[:120]!r}")
    if "plain words" not in hover_text:
        failures += 1
    clean = len(documents) - len(BAD) - sum(
        1 for u, d in server.diagnostics.items() if d and u not in bad_uris)
    print(f"{clean} of {len(documents) - len(BAD)} data documents show no diagnostics; "
          f"{failures} failure(s).")
    server.proc.terminate()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
