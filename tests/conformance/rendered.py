"""The rendered manifests of one environment, read as the kubelet would run them.

Nothing here knows a stack's strings: objects are found by kind and name, containers by name, and every value
(command, env, probe, config file) is taken from the render. What the kubelet adds is emulated:
- Secret-backed env vars and externally created Secrets get test values (TEST_SECRET);
- `$(VAR)` references are expanded with Kubernetes' rules (earlier env vars only, unknown stays literal, `$$` escapes);
- volumes are materialised under a per-process root directory (`ROOT/<mountPath>`), and every absolute container
  path in commands, env values and probes is moved under that root (the only rewrite; see `ContainerFs.path`).
"""

import os
import pathlib
import re

import yaml

# Every Secret value the suite invents: a password no URL survives unquoted ('/', '+', '=', '@', '#').
TEST_SECRET = "s3/cr+t=p@ss#w0rd"


def load(render_dir):
    """All objects of one environment's `--output` tree, keyed by (kind, name)."""
    objects = {}
    for path in sorted(pathlib.Path(render_dir).rglob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if doc:
                objects[(doc["kind"], doc["metadata"]["name"])] = doc
    return objects


def of_kind(objects, kind):
    return [o for (k, _), o in sorted(objects.items()) if k == kind]


def pod_spec(obj):
    return obj["spec"]["template"]["spec"]


def container(obj, name, init=False):
    key = "initContainers" if init else "containers"
    for c in pod_spec(obj).get(key, []):
        if c["name"] == name:
            return c
    return None


def expand(text, mapping):
    """Kubernetes' $(VAR) expansion (k8s.io/kubernetes third_party/forked/golang/expansion), character for character."""
    out = []
    checkpoint = 0
    cursor = 0
    while cursor < len(text):
        if text[cursor] == "$" and cursor + 1 < len(text):
            out.append(text[checkpoint:cursor])
            rest = text[cursor + 1:]
            if rest[0] == "$":
                out.append("$")
                advance = 1
            elif rest[0] == "(":
                close = rest.find(")", 1)
                if close == -1:
                    out.append("$(")
                    advance = 1
                else:
                    name = rest[1:close]
                    out.append(mapping[name] if name in mapping else "$(" + name + ")")
                    advance = close + 1
            else:
                out.append("$" + rest[0])
                advance = 1
            cursor += advance
            checkpoint = cursor + 1
        cursor += 1
    out.append(text[checkpoint:])
    return "".join(out)


def rendered_secret(objects, name, key):
    """A Secret the render itself carries (stringData), else None: the Secret is created outside the render."""
    secret = objects.get(("Secret", name))
    if secret is None:
        return None
    return secret.get("stringData", {}).get(key)


def env(objects, c, pod_name):
    """The container's environment after the kubelet: valueFrom resolved, $(VAR) expanded in list order."""
    result = {}
    for var in c.get("env", []):
        if "value" in var:
            result[var["name"]] = expand(var["value"], result)
            continue
        source = var.get("valueFrom", {})
        if "secretKeyRef" in source:
            ref = source["secretKeyRef"]
            value = rendered_secret(objects, ref["name"], ref["key"])
            result[var["name"]] = TEST_SECRET if value is None else value
        elif "configMapKeyRef" in source:
            ref = source["configMapKeyRef"]
            result[var["name"]] = objects[("ConfigMap", ref["name"])]["data"][ref["key"]]
        elif source.get("fieldRef", {}).get("fieldPath") == "metadata.name":
            result[var["name"]] = pod_name
        elif source.get("fieldRef", {}).get("fieldPath") == "metadata.namespace":
            result[var["name"]] = "conformance"
        else:
            raise ValueError("unsupported env source for %s: %r" % (var["name"], source))
    return result


def argv(c, environment):
    """command + args, expanded as the kubelet does."""
    return [expand(a, environment) for a in c.get("command", []) + c.get("args", [])]


def pod_name(obj):
    """The pod name the kubelet would give: <statefulset>-0 or <deployment>-<hash> style."""
    if obj["kind"] == "StatefulSet":
        return obj["metadata"]["name"] + "-0"
    return obj["metadata"]["name"] + "-conformance"


class ContainerFs:
    """A container's mounts materialised under `root`: root/<mountPath> holds what the volume would."""

    def __init__(self, objects, obj, c, root):
        self.root = str(root)
        self.mounts = []
        volumes = {v["name"]: v for v in pod_spec(obj).get("volumes", [])}
        for mount in c.get("volumeMounts", []):
            self.mounts.append(mount["mountPath"])
            # A name missing from volumes is a StatefulSet's volumeClaimTemplate: an empty directory, like a new claim.
            self._materialise(objects, volumes.get(mount["name"], {}), mount)
        if c.get("workingDir"):
            self.mounts.append(c["workingDir"])
            os.makedirs(self.root + c["workingDir"], exist_ok=True)

    def _materialise(self, objects, volume, mount):
        target = self.root + mount["mountPath"]
        files = None
        if "configMap" in volume:
            files = self._items(objects[("ConfigMap", volume["configMap"]["name"])].get("data", {}), volume["configMap"])
        elif "secret" in volume:
            secret = objects.get(("Secret", volume["secret"]["secretName"]))
            data = secret.get("stringData", {}) if secret else None
            if data is None:
                # Created outside the render: one test value per key the volume names.
                data = {item["key"]: TEST_SECRET for item in volume["secret"].get("items", [])}
            files = self._items(data, volume["secret"])
        if files is None:  # emptyDir, persistentVolumeClaim: an empty writable directory
            os.makedirs(target, exist_ok=True)
            return
        if "subPath" in mount:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            pathlib.Path(target).write_text(files[mount["subPath"]])
            return
        for rel, content in files.items():
            path = pathlib.Path(target, rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content)

    @staticmethod
    def _items(data, source):
        if "items" in source:
            return {item["path"]: data[item["key"]] for item in source["items"]}
        return dict(data)

    def host(self, container_path):
        return self.root + container_path

    def path(self, text):
        """Moves every mounted container path in `text` under the root (at path boundaries only)."""
        for mount in sorted(set(self.mounts), key=len, reverse=True):
            text = re.sub(r"(?<![\w./-])" + re.escape(mount) + r"(?=$|[/\s'\";:])", lambda _: self.root + mount, text)
        return text

    def argv(self, args):
        return [self.path(a) for a in args]

    def env(self, environment):
        return {k: self.path(v) for k, v in environment.items()}

    def chown(self, uid, gid):
        for dirpath, dirnames, filenames in os.walk(self.root):
            os.chown(dirpath, uid, gid)
            for name in filenames:
                os.chown(os.path.join(dirpath, name), uid, gid)


def run_as(obj, c):
    """(uid, gid) from the container's or pod's securityContext; nobody when the render names none."""
    pod = pod_spec(obj).get("securityContext", {})
    own = c.get("securityContext", {})
    uid = own.get("runAsUser", pod.get("runAsUser", 65534))
    gid = own.get("runAsGroup", pod.get("runAsGroup", uid if "runAsUser" in own or "runAsUser" in pod else 65534))
    return uid, gid


def probes(c):
    """(kind, probe) for every probe the container has, in a stable order."""
    return [(kind, c[kind]) for kind in ("startupProbe", "readinessProbe", "livenessProbe") if kind in c]


def named_port(c, port):
    """A probe's port (a name or a number) as the container port number."""
    if isinstance(port, int):
        return port
    for p in c.get("ports", []):
        if p["name"] == port:
            return p["containerPort"]
    raise ValueError("no container port named %s" % port)
