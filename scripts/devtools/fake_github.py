"""An in-memory fake of the parts of api.github.com that Sveltia CMS (GitHub backend) uses.

Pure Python, no dependencies. `FakeGitHub.handle(method, url, headers, body)` returns
`(status, headers, body_bytes)`; devtools/cms_browser.py plugs it into Playwright with
`context.route("https://api.github.com/**", ...)` (the browser tests and the guide's screenshots).
It answers as GitHub does where Sveltia looks (avatars on avatars.githubusercontent.com included,
so a test sees whether the editor would load them); GraphQL fields it does not know are answered
with null and listed in UNKNOWN_FIELDS, which a test keeps empty but for the ones named there.

It models a tiny git repository (blobs with real git SHA-1s, commits holding a flat
path -> blob tree, branches), pull requests with labels, and answers:

REST   GET  /user
       GET  /repos/{o}/{r}/collaborators/{login}            (204 = has access)
       GET  /repos/{o}/{r}/git/trees/{branch|sha}?recursive=1
       GET  /repos/{o}/{r}/git/blobs/{sha}                   (raw, Accept: application/vnd.github.raw)
       POST /repos/{o}/{r}/pulls                             (create PR)
       GET/PATCH /repos/{o}/{r}/pulls/{n}                    (close / reopen)
       GET  /repos/{o}/{r}/pulls/{n}/files
       PUT  /repos/{o}/{r}/pulls/{n}/merge                   (publish)
       GET/PATCH /repos/{o}/{r}/issues/{n}, POST .../issues/{n}/labels   (workflow status labels)
       DELETE /repos/{o}/{r}/git/refs/heads/{branch}
       GET  /repos/{o}/{r}/commits/{sha}/status, .../check-runs, /deployments (empty answers)
GraphQL POST /graphql: a small parser + generic executor (aliases, arguments, variables, inline
       fragments) over resolvers for repository{defaultBranchRef, ref, refs, object, pullRequests},
       Commit{oid, message, committedDate, history, author, file}, Blob{text, oid, byteSize,
       isBinary}, PullRequest{...}, node(id), and the mutations createRef, createCommitOnBranch,
       convertPullRequestToDraft, markPullRequestReadyForReview.

Every request is appended to `self.log` as (method, path_or_graphql_summary, status).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import uuid
from datetime import UTC, datetime
from urllib.parse import parse_qs, unquote, urlsplit

# ---------------------------------------------------------------------------------------------
# Minimal GraphQL: tokenizer, parser, executor
# ---------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r'''
    (?P<ws>[\s,]+|\#[^\n]*)
  | (?P<spread>\.\.\.)
  | (?P<punct>[!$():=@\[\]{}|])
  | (?P<num>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<name>[_A-Za-z][_0-9A-Za-z]*)
''',
    re.X,
)


def _tokenize(src: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if not m:
            raise SyntaxError(f"GraphQL: unexpected {src[pos : pos + 20]!r}")
        pos = m.end()
        kind = m.lastgroup or ""
        if kind != "ws":
            out.append((kind, m.group()))
    return out


class _Parser:
    def __init__(self, src: str):
        self.t = _tokenize(src)
        self.i = 0

    def peek(self, value=None):
        if self.i >= len(self.t):
            return None
        tok = self.t[self.i]
        return tok if value is None or tok[1] == value else None

    def take(self, value=None):
        tok = self.t[self.i]
        if value is not None and tok[1] != value:
            raise SyntaxError(f"GraphQL: expected {value!r}, got {tok[1]!r}")
        self.i += 1
        return tok

    def document(self):
        op = "query"
        if self.peek() and self.peek()[1] in ("query", "mutation"):
            op = self.take()[1]
            if self.peek() and self.peek()[0] == "name":
                self.take()
            if self.peek("("):  # variable definitions: skip, balanced
                depth = 0
                while True:
                    v = self.take()[1]
                    depth += v == "("
                    depth -= v == ")"
                    if depth == 0:
                        break
        return op, self.selection_set()

    def selection_set(self):
        self.take("{")
        sels = []
        while not self.peek("}"):
            sels.append(self.selection())
        self.take("}")
        return sels

    def selection(self):
        if self.peek("..."):
            self.take()
            cond = None
            if self.peek("on"):
                self.take()
                cond = self.take()[1]
            return ("frag", cond, self.selection_set())
        name = self.take()[1]
        alias = name
        if self.peek(":"):
            self.take()
            name = self.take()[1]
        args = {}
        if self.peek("("):
            self.take()
            while not self.peek(")"):
                key = self.take()[1]
                self.take(":")
                args[key] = self.value()
            self.take(")")
        sub = self.selection_set() if self.peek("{") else None
        return ("field", alias, name, args, sub)

    def value(self):
        kind, v = self.take()
        if v == "$":
            return ("var", self.take()[1])
        if kind == "str":
            return json.loads(v)
        if kind == "num":
            return float(v) if "." in v or "e" in v.lower() else int(v)
        if v == "[":
            items = []
            while not self.peek("]"):
                items.append(self.value())
            self.take("]")
            return items
        if v == "{":
            obj = {}
            while not self.peek("}"):
                key = self.take()[1]
                self.take(":")
                obj[key] = self.value()
            self.take("}")
            return obj
        return {"true": True, "false": False, "null": None}.get(v, v)  # enum values stay strings


UNKNOWN_FIELDS: set[str] = set()


def _resolve_vars(value, variables):
    if isinstance(value, tuple) and value[0] == "var":
        return variables.get(value[1])
    if isinstance(value, list):
        return [_resolve_vars(v, variables) for v in value]
    if isinstance(value, dict):
        return {k: _resolve_vars(v, variables) for k, v in value.items()}
    return value


def _execute(obj, sels, variables):
    out = {}
    for sel in sels:
        if sel[0] == "frag":
            _, cond, sub = sel
            typename = getattr(obj, "typename", None)
            if cond is None or typename is None or typename == cond:
                out.update(_execute(obj, sub, variables))
            continue
        _, alias, name, args, sub = sel
        args = {k: _resolve_vars(v, variables) for k, v in args.items()}
        if name == "__typename":
            out[alias] = getattr(obj, "typename", "Object")
            continue
        if isinstance(obj, dict):
            value = obj.get(name)
        else:
            attr = getattr(obj, "f_" + name, None)
            if attr is None:  # be lenient, but remember it so the fake can be completed
                UNKNOWN_FIELDS.add(f"{type(obj).__name__}.{name}")
                out[alias] = None
                continue
            value = attr(**args) if callable(attr) else attr
        out[alias] = _complete(value, sub, variables)
    return out


def _complete(value, sub, variables):
    if sub is None or value is None:
        return value
    if isinstance(value, list):
        return [_complete(v, sub, variables) for v in value]
    return _execute(value, sub, variables)


# ---------------------------------------------------------------------------------------------
# Git model
# ---------------------------------------------------------------------------------------------


def git_blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Commit:
    typename = "Commit"

    def __init__(self, repo, tree, parent, message, author):
        self.repo = repo
        self.tree = dict(tree)  # path -> blob sha
        self.parent = parent
        self.message = message
        self.author = author
        self.date = _now()
        self.oid = hashlib.sha1(f"{uuid.uuid4()}".encode()).hexdigest()

    # GraphQL fields
    f_oid = property(lambda self: self.oid)
    f_message = property(lambda self: self.message)
    f_committedDate = property(lambda self: self.date)

    def f_author(self):
        return {
            "name": self.author["name"],
            "email": self.author["email"],
            "avatarUrl": self.repo.avatar,
            "user": {"databaseId": self.author["id"], "login": self.author["login"]},
        }

    def changed(self, path):
        before = self.repo.commits[self.parent].tree.get(path) if self.parent else None
        return self.tree.get(path) != before

    def f_history(self, first=1, path=None):
        nodes, c = [], self
        while c is not None and len(nodes) < first:
            if path is None or c.changed(path):
                nodes.append(c)
            c = self.repo.commits.get(c.parent) if c.parent else None
        return {"nodes": nodes}

    def f_file(self, path):
        sha = self.tree.get(path)
        return {"oid": sha} if sha else None

    # deploy-status lookups the UI makes for the head commit: answer "nothing"
    f_status = None

    def f_checkSuites(self, **_):
        return {"nodes": []}

    def f_deployments(self, **_):
        return {"nodes": []}


class Blob:
    typename = "Blob"

    def __init__(self, data: bytes):
        self.data = data
        self.oid = git_blob_sha(data)

    f_oid = property(lambda self: self.oid)
    f_byteSize = property(lambda self: len(self.data))
    f_isTruncated = False  # bundle 0.221.1 asks for it next to `text`

    @property
    def f_isBinary(self):
        try:
            self.data.decode("utf-8")
            return b"\0" in self.data
        except UnicodeDecodeError:
            return True

    @property
    def f_text(self):
        return None if self.f_isBinary else self.data.decode("utf-8")


class Ref:
    typename = "Ref"

    def __init__(self, repo, name):
        self.repo, self.name = repo, name

    f_name = property(lambda self: self.name)
    f_target = property(lambda self: self.repo.commits[self.repo.branches[self.name]])


class PullRequest:
    typename = "PullRequest"

    def __init__(self, repo, number, title, head, base, draft, body):
        self.repo = repo
        self.number, self.title, self.head, self.base = number, title, head, base
        self.draft, self.body = draft, body
        self.state = "OPEN"
        self.labels: list[str] = []
        self.created = self.updated = _now()
        self.base_oid = repo.branches[base]
        self.id = f"PR_fake{number}"

    def file_changes(self):
        head_oid = self.repo.branches.get(self.head)
        if head_oid is None:
            return []
        old = self.repo.commits[self.base_oid].tree
        new = self.repo.commits[head_oid].tree
        out = []
        for path in sorted(set(old) | set(new)):
            if old.get(path) != new.get(path):
                status = "added" if path not in old else "removed" if path not in new else "modified"
                out.append((path, status))
        return out

    # GraphQL
    f_id = property(lambda self: self.id)
    f_number = property(lambda self: self.number)
    f_title = property(lambda self: self.title)
    f_url = property(lambda self: f"https://github.com/{self.repo.full}/pull/{self.number}")
    f_isDraft = property(lambda self: self.draft)
    f_isCrossRepository = False
    f_createdAt = property(lambda self: self.created)
    f_updatedAt = property(lambda self: self.updated)
    f_headRefName = property(lambda self: self.head)
    f_headRefOid = property(lambda self: self.repo.branches.get(self.head))
    f_state = property(lambda self: self.state)

    def f_headRepositoryOwner(self):
        return {"login": self.repo.owner}

    def f_author(self):
        u = self.repo.user
        return {
            "login": u["login"],
            "avatarUrl": self.repo.avatar,
            "name": u["name"],
            "email": u["email"],
            "databaseId": u["id"],
        }

    def f_labels(self, first=100):
        return {"nodes": [{"name": n} for n in self.labels[:first]]}

    def f_files(self, first=100):
        kinds = {"added": "ADDED", "removed": "DELETED", "modified": "MODIFIED"}
        return {"nodes": [{"path": p, "changeType": kinds[s]} for p, s in self.file_changes()[:first]]}

    def rest(self):
        return {
            "number": self.number,
            "node_id": self.id,
            "title": self.title,
            "html_url": self.f_url,
            "state": self.state.lower(),
            "draft": self.draft,
            "created_at": self.created,
            "updated_at": self.updated,
            "head": {"ref": self.head, "sha": self.f_headRefOid},
            "base": {"ref": self.base},
            "labels": [{"name": n} for n in self.labels],
        }


class Repository:
    typename = "Repository"

    def __init__(self, owner, name, user, files: dict[str, bytes], branch="main"):
        self.owner, self.name, self.user = owner, name, user
        self.full = f"{owner}/{name}"
        self.avatar = f"https://avatars.githubusercontent.com/u/{user['id']}?v=4"
        self.default_branch = branch
        self.blobs: dict[str, Blob] = {}
        self.commits: dict[str, Commit] = {}
        self.branches: dict[str, str] = {}
        self.pulls: dict[int, PullRequest] = {}
        tree = {path: self.put_blob(data) for path, data in files.items()}
        c = Commit(self, tree, None, "Initial import", user)
        self.commits[c.oid] = c
        self.branches[branch] = c.oid

    def put_blob(self, data: bytes) -> str:
        b = Blob(data)
        self.blobs[b.oid] = b
        return b.oid

    def commit(self, branch, additions, deletions, message, expected=None):
        head = self.branches[branch]
        if expected and expected != head:
            raise ValueError(f"Expected branch to point to {expected} but it points to {head}")
        tree = dict(self.commits[head].tree)
        for path in deletions:
            tree.pop(path, None)
        for path, data in additions.items():
            tree[path] = self.put_blob(data)
        c = Commit(self, tree, head, message, self.user)
        self.commits[c.oid] = c
        self.branches[branch] = c.oid
        return c

    def read(self, path, branch=None):
        sha = self.commits[self.branches[branch or self.default_branch]].tree.get(path)
        return self.blobs[sha].data if sha else None

    # GraphQL fields
    f_id = property(lambda self: f"R_fake_{self.name}")
    f_name = property(lambda self: self.name)
    f_nameWithOwner = property(lambda self: self.full)
    f_defaultBranchRef = property(lambda self: Ref(self, self.default_branch))

    def f_ref(self, qualifiedName):
        name = qualifiedName.removeprefix("refs/heads/")
        return Ref(self, name) if name in self.branches else None

    def f_refs(self, refPrefix="refs/heads/", first=100, **_):
        prefix = refPrefix.removeprefix("refs/heads/")
        names = sorted(b for b in self.branches if b.startswith(prefix))[:first]
        return {"nodes": [{"name": n[len(prefix) :], "target": self.commits[self.branches[n]]} for n in names]}

    def f_object(self, oid=None, expression=None):
        if oid:
            return self.blobs.get(oid) or self.commits.get(oid)
        ref, _, path = expression.partition(":")
        if ref not in self.branches:
            return None
        sha = self.commits[self.branches[ref]].tree.get(path)
        return self.blobs.get(sha) if sha else None

    def f_pullRequests(self, states=None, labels=None, first=100, headRefName=None, **_):
        states = [states] if isinstance(states, str) else states
        prs = [
            p
            for p in self.pulls.values()
            if (not states or p.state in states)
            and (not labels or set(labels) & set(p.labels))
            and (headRefName is None or p.head == headRefName)
        ]
        prs.sort(key=lambda p: p.updated, reverse=True)
        return {"nodes": prs[:first]}


class _Root:
    def __init__(self, gh):
        self.gh = gh

    def f_repository(self, owner, name):
        repo = self.gh.repo
        return repo if (owner, name) == (repo.owner, repo.name) else None

    def f_node(self, id):
        return next((p for p in self.gh.repo.pulls.values() if p.id == id), None)

    def f_viewer(self):
        return {"login": self.gh.user["login"]}

    # mutations
    def f_createRef(self, input):
        repo = self.gh.repo
        name = input["name"].removeprefix("refs/heads/")
        if name in repo.branches:
            raise ValueError(f"A ref named \"{input['name']}\" already exists in the repository.")
        repo.branches[name] = input["oid"]
        return {"ref": {"name": input["name"]}}

    def f_createCommitOnBranch(self, input):
        repo = self.gh.repo
        branch = input["branch"]["branchName"]
        changes = input.get("fileChanges") or {}
        adds = {a["path"]: base64.b64decode(a["contents"]) for a in changes.get("additions") or []}
        dels = [d["path"] for d in changes.get("deletions") or []]
        msg = input["message"]["headline"]
        c = repo.commit(branch, adds, dels, msg, input.get("expectedHeadOid"))
        self.gh.commits_made.append(
            {"branch": branch, "oid": c.oid, "message": msg, "additions": adds, "deletions": dels}
        )
        return {"commit": c}

    def _pr_draft(self, input, draft):
        pr = self.f_node(input["pullRequestId"])
        pr.draft = draft
        pr.updated = _now()
        return {"pullRequest": pr}

    def f_convertPullRequestToDraft(self, input):
        return self._pr_draft(input, True)

    def f_markPullRequestReadyForReview(self, input):
        return self._pr_draft(input, False)


# ---------------------------------------------------------------------------------------------
# HTTP front
# ---------------------------------------------------------------------------------------------

CORS = {
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "Authorization, Content-Type, Accept, X-GitHub-Api-Version",
    "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    "access-control-expose-headers": "ETag, Link, X-GitHub-Request-Id",
}


class FakeGitHub:
    def __init__(self, owner="gia-loc", name="bang-vang", files=None, token="ghp_fake", branch="main"):
        self.user = {"id": 4242, "login": "canbo-tdkt", "name": "Cán bộ TĐKT", "email": "tdkt@example.org"}
        self.token = token
        self.repo = Repository(owner, name, self.user, files or {}, branch)
        self.log: list[tuple[str, str, int]] = []
        self.commits_made: list[dict] = []

    # ---- entry point
    def handle(self, method, url, headers, body: bytes | None):
        parts = urlsplit(url)
        path = unquote(parts.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        if method == "OPTIONS":
            return self._done(method, path, 204, b"", "")
        auth = {k.lower(): v for k, v in (headers or {}).items()}.get("authorization", "")
        if auth.split(" ")[-1] != self.token:
            return self._json(method, path, 401, {"message": "Bad credentials"})
        try:
            if path == "/graphql":
                return self._graphql(body)
            return self._rest(method, path, query, json.loads(body) if body else None, auth)
        except Exception as ex:  # noqa: BLE001 - surface everything to the log
            return self._json(method, path, 500, {"message": f"fake error: {ex!r}"})

    def _done(self, method, what, status, payload: bytes, ctype):
        self.log.append((method, what, status))
        hdrs = dict(CORS)
        if ctype:
            hdrs["content-type"] = ctype
        return status, hdrs, payload

    def _json(self, method, what, status, obj):
        return self._done(method, what, status, json.dumps(obj).encode(), "application/json; charset=utf-8")

    # ---- GraphQL
    def _graphql(self, body):
        req = json.loads(body)
        q, variables = req["query"], req.get("variables") or {}
        op, sels = _Parser(q).document()
        summary = (
            "GraphQL "
            + op
            + " "
            + ",".join(sorted({s[2] for s in sels if s[0] == "field"} | self._inner_names(sels)))[:150]
        )
        try:
            data = _execute(_Root(self), sels, variables)
            return self._json("POST", summary, 200, {"data": data})
        except ValueError as ex:
            return self._json(
                "POST", summary, 200, {"data": None, "errors": [{"type": "UNPROCESSABLE", "message": str(ex)}]}
            )

    @staticmethod
    def _inner_names(sels):
        names = set()
        for s in sels:
            if s[0] == "field" and s[4]:
                for t in s[4]:
                    if t[0] == "field":
                        names.add(re.sub(r"_\d+$", "_N", t[1]) if t[1] != t[2] else t[2])
        return {"." + n for n in names}

    # ---- REST
    def _rest(self, method, path, query, body, auth):
        repo = self.repo
        J = lambda status, obj: self._json(method, path, status, obj)  # noqa: E731
        if path == "/user":
            return J(
                200, {**self.user, "avatar_url": repo.avatar, "html_url": f"https://github.com/{self.user['login']}"}
            )
        prefix = f"/repos/{repo.full}"
        if not path.startswith(prefix):
            return J(404, {"message": "Not Found"})
        rest = path[len(prefix) :]
        if rest in ("", "/"):
            return J(
                200,
                {
                    "full_name": repo.full,
                    "default_branch": repo.default_branch,
                    "permissions": {"admin": False, "push": True, "pull": True},
                    "private": True,
                    "node_id": repo.f_id,
                },
            )
        if m := re.fullmatch(r"/collaborators/([^/]+)(/permission)?", rest):
            if m.group(1) != self.user["login"]:
                return J(404, {"message": "Not Found"})
            return self._done(method, path, 204, b"", "") if not m.group(2) else J(200, {"permission": "write"})
        if m := re.fullmatch(r"/git/trees/(.+)", rest):
            ref = m.group(1)
            oid = repo.branches.get(ref, ref)
            c = repo.commits.get(oid)
            if not c:
                return J(404, {"message": "Not Found"})
            tree = [
                {"path": p, "mode": "100644", "type": "blob", "sha": s, "size": len(repo.blobs[s].data), "url": ""}
                for p, s in sorted(c.tree.items())
            ]
            return J(200, {"sha": c.oid, "tree": tree, "truncated": False})
        if m := re.fullmatch(r"/git/blobs/([0-9a-f]{40})", rest):
            blob = repo.blobs.get(m.group(1))
            if not blob:
                return J(404, {"message": "Not Found"})
            ctype = "application/octet-stream" if blob.f_isBinary else "text/plain; charset=utf-8"
            return self._done(method, path, 200, blob.data, ctype)
        if m := re.fullmatch(r"/git/refs/heads/(.+)", rest):
            if method == "DELETE":
                repo.branches.pop(m.group(1), None)
                return self._done(method, path, 204, b"", "")
            oid = repo.branches.get(m.group(1))
            return (
                J(200, {"ref": f"refs/heads/{m.group(1)}", "object": {"sha": oid, "type": "commit"}})
                if oid
                else J(404, {"message": "Not Found"})
            )
        if rest == "/pulls" and method == "POST":
            n = max(repo.pulls, default=0) + 1
            pr = PullRequest(
                repo,
                n,
                body["title"],
                body["head"].split(":")[-1],
                body["base"],
                bool(body.get("draft")),
                body.get("body", ""),
            )
            repo.pulls[n] = pr
            return J(201, pr.rest())
        if rest == "/pulls" and method == "GET":
            return J(200, [p.rest() for p in repo.pulls.values() if p.state == "OPEN"])
        if m := re.fullmatch(r"/(pulls|issues)/(\d+)(/files|/merge|/labels)?", rest):
            pr = repo.pulls.get(int(m.group(2)))
            if not pr:
                return J(404, {"message": "Not Found"})
            tail = m.group(3)
            if tail == "/files":
                return J(200, [{"filename": p, "status": s} for p, s in pr.file_changes()])
            if tail == "/merge":
                changes = pr.file_changes()
                head = repo.commits[repo.branches[pr.head]].tree
                adds = {p: repo.blobs[head[p]].data for p, s in changes if s != "removed"}
                dels = [p for p, s in changes if s == "removed"]
                c = repo.commit(pr.base, adds, dels, body.get("commit_title") or pr.title)
                pr.state = "MERGED"
                self.commits_made.append(
                    {
                        "branch": pr.base,
                        "oid": c.oid,
                        "message": c.message,
                        "additions": adds,
                        "deletions": dels,
                        "merge": pr.number,
                    }
                )
                return J(200, {"sha": c.oid, "merged": True, "message": "Pull Request successfully merged"})
            if tail == "/labels":
                for name in body.get("labels", []):
                    if name not in pr.labels:
                        pr.labels.append(name)
                pr.updated = _now()
                return J(200, [{"name": n} for n in pr.labels])
            if method == "PATCH":
                if "labels" in body:
                    pr.labels = list(body["labels"])
                if "state" in body:
                    pr.state = {"open": "OPEN", "closed": "CLOSED"}[body["state"]]
                pr.updated = _now()
            return J(200, pr.rest())
        if re.fullmatch(r"/commits/[^/]+/(status|statuses|check-runs)", rest):
            return J(200, {"state": "pending", "statuses": [], "total_count": 0, "check_runs": []})
        if rest.startswith("/deployments"):
            return J(200, [])
        if rest.startswith("/compare/"):
            return J(200, {"files": []})
        return J(404, {"message": "Not Found (fake)"})
