"""One RabbitMQ node run from the rendered StatefulSet: config, plugins, init container, probes, preStop.

Debian 12 ships RabbitMQ 3.10.8; the manifests target 4.1. Keys 3.10's cuttlefish schemas do not define are
filtered from the rendered rabbitmq.conf and listed; so is the k8s peer discovery backend, which in 3.x calls the
Kubernetes API (4.1's v2 does not). `default_queue_type` (4.x) is applied as the default vhost's default queue
type, 3.10's equivalent, so queues still become quorum by the server's default. Rendered ports are moved to
private ports on 127.0.0.1 and the pod's host name resolves to 127.0.0.1 through a private Erlang inetrc.
"""

import glob
import json
import os
import re
import subprocess
import time

import harness
import rendered

SCHEMAS = "/usr/lib/rabbitmq/lib/rabbitmq_server-*/plugins/*/priv/schema/*.schema"
SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server"

# Keys 3.10 defines but cannot honour outside a cluster: (key, value) -> why it is filtered.
NEEDS_A_CLUSTER = {
    ("cluster_formation.peer_discovery_backend", "k8s"): "3.x's k8s backend calls the Kubernetes API; 4.1's v2 does not",
}


def version():
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "rabbitmq-server"], capture_output=True, text=True).stdout
    return out.split("-")[0]


def schema_patterns():
    patterns = []
    for path in glob.glob(SCHEMAS):
        with open(path, errors="replace") as f:
            for key in re.findall(r'\{mapping,\s*"([^"]+)"', f.read()):
                patterns.append(re.compile("^" + re.sub(r"\\\$[A-Za-z_]+", r"[^.]+", re.escape(key)) + "$"))
    return patterns


class Node:
    """The rendered StatefulSet's first pod on 127.0.0.1: start(), probes, prestop(), stop()."""

    def __init__(self, env_name, objects, work):
        self.env_name = env_name
        self.objects = objects
        self.program = "rabbitmq-server " + version()
        self.sts = rendered.of_kind(objects, "StatefulSet")[0]
        self.container = rendered.pod_spec(self.sts)["containers"][0]
        self.work = work
        self.root = os.path.join(work, "root")
        os.makedirs(self.root)
        self.pod = rendered.pod_name(self.sts)
        self.uid, self.gid = rendered.run_as(self.sts, self.container)
        self.fs = rendered.ContainerFs(objects, self.sts, self.container, self.root)
        for init in rendered.pod_spec(self.sts).get("initContainers", []):
            rendered.ContainerFs(objects, self.sts, init, self.root)
        self.ports = {p["containerPort"]: harness.free_port() for p in self.container.get("ports", [])}
        self.container_env = self.fs.env(rendered.env(objects, self.container, self.pod))
        self.env = self._env()
        self.proc = None
        self.epmd = None
        self.default_queue_type = None

    def _env(self):
        host = self.container_env["RABBITMQ_NODENAME"].split("@", 1)[1]
        inetrc = os.path.join(self.work, "inetrc")
        with open(inetrc, "w") as f:
            f.write('{host, {127,0,0,1}, ["%s"]}.\n{lookup, [file, native]}.\n' % host)
        home = self.fs.host("/var/lib/rabbitmq")  # the image's HOME for its rabbitmq user
        conf_env = os.path.join(self.work, "rabbitmq-env.conf")
        open(conf_env, "w").close()
        env = harness.base_env()
        env.update(self.container_env)
        env.update({
            # The image's PATH has the real scripts; Debian's /usr/sbin wrappers refuse a uid that is not rabbitmq.
            "PATH": "/usr/lib/rabbitmq/bin:" + env["PATH"],
            # Where the rabbitmq image keeps things, under the pod's root.
            "HOME": home,
            # 4.x reads only conf.d/*.conf; 3.10 reads every file of a directory, enabled_plugins included.
            "RABBITMQ_CONFIG_FILES": self.fs.host("/etc/rabbitmq/conf.d") + "/*.conf",
            "RABBITMQ_CONFIG_FILE": self.fs.host("/etc/rabbitmq/rabbitmq"),
            "RABBITMQ_ADVANCED_CONFIG_FILE": self.fs.host("/etc/rabbitmq/advanced.config"),
            "RABBITMQ_CONF_ENV_FILE": conf_env,
            "RABBITMQ_MNESIA_BASE": self.fs.host("/var/lib/rabbitmq/mnesia"),
            "RABBITMQ_LOG_BASE": os.path.join(self.work, "log"),
            "RABBITMQ_PID_FILE": os.path.join(self.work, "rabbitmq.pid"),
            # Private ports, loopback only.
            "ERL_EPMD_PORT": str(harness.free_port()),
            "ERL_EPMD_ADDRESS": "127.0.0.1",
            "ERL_INETRC": inetrc,
            "RABBITMQ_DIST_PORT": str(harness.free_port()),
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
        })
        ctl = harness.free_port()
        env["RABBITMQ_CTL_DIST_PORT_MIN"] = str(ctl)
        env["RABBITMQ_CTL_DIST_PORT_MAX"] = str(ctl)
        return env

    def amqp_port(self):
        return self.ports[rendered.named_port(self.container, "amqp")]

    def _adapt_config(self):
        """Filters what 3.10 lacks and moves ports; returns the notes to print."""
        notes = []
        patterns = schema_patterns()
        path = self.fs.host("/etc/rabbitmq/conf.d/rabbitmq.conf")
        lines = []
        for line in open(path).read().splitlines():
            m = re.match(r"^\s*([^#=\s][^=]*?)\s*=\s*(.*?)\s*$", line)
            if not m:
                lines.append(line)
                continue
            key, value = m.group(1), m.group(2)
            why = NEEDS_A_CLUSTER.get((key, value))
            if why is None and not any(p.match(key) for p in patterns):
                why = "3.10 has no such key"
            if why:
                notes.append("filtered `%s = %s` (%s)" % (key, value, why))
                if key == "default_queue_type":
                    self.default_queue_type = value
                continue
            if value.isdigit() and int(value) in self.ports:
                port = self.ports[int(value)]
                if key.startswith("listeners.tcp."):
                    value = "127.0.0.1:%d" % port
                elif key.endswith(".port"):
                    lines.append("%s.ip = 127.0.0.1" % key[: -len(".port")])
                    value = str(port)
                notes.append("moved `%s` from port %s to 127.0.0.1:%d" % (key, m.group(2), port))
            lines.append("%s = %s" % (key, value))
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return notes

    def ctl(self, *args, limit=60):
        return harness.run(["rabbitmqctl", "-q"] + list(args), self.work, self.env, limit, self.uid, self.gid)

    def exec_in_container(self, command, limit):
        return harness.run(self.fs.argv(command), self.root, self.env, limit, self.uid, self.gid)

    def probe(self, kind, probe, limit=None):
        if "exec" in probe:
            command = [rendered.expand(a, self.container_env) for a in probe["exec"]["command"]]
            code, out = self.exec_in_container(command, limit or probe.get("timeoutSeconds", 1))
            return code == 0, out
        if "tcpSocket" in probe:
            port = self.ports[rendered.named_port(self.container, probe["tcpSocket"]["port"])]
            return harness.port_open(port), "tcp 127.0.0.1:%d" % port
        return False, "unsupported probe %r" % probe

    def start(self):
        """Init containers, then the server; returns True when the startup probe passed."""
        env = self.env_name
        p = self.program
        for init in rendered.pod_spec(self.sts).get("initContainers", []):
            fs = rendered.ContainerFs(self.objects, self.sts, init, self.root)
            fs.chown(self.uid, self.gid)
            command = fs.argv(rendered.argv(init, rendered.env(self.objects, init, self.pod)))
            code, out = harness.run(command, self.root, self.env, 30, self.uid, self.gid)
            harness.report(code == 0, p, "init container %s runs as rendered" % init["name"], env, out)
        for n in self._adapt_config():
            harness.note(n)
        self.fs.chown(self.uid, self.gid)
        os.makedirs(self.env["RABBITMQ_LOG_BASE"], exist_ok=True)
        os.chown(self.env["RABBITMQ_LOG_BASE"], self.uid, self.gid)
        os.chown(self.work, self.uid, self.gid)
        self.epmd = harness.Proc(["epmd", "-port", self.env["ERL_EPMD_PORT"], "-address", "127.0.0.1"], self.work,
                                 self.env, 900, os.path.join(self.work, "epmd.log"), self.uid, self.gid)
        harness.wait_for(lambda: harness.port_open(int(self.env["ERL_EPMD_PORT"])), 10)
        self.proc = harness.Proc([SERVER], self.root, self.env, 900, os.path.join(self.work, "server.log"), self.uid, self.gid)
        kind, startup = next(((k, pr) for k, pr in rendered.probes(self.container) if k == "startupProbe"), (None, None))
        started = startup is not None and harness.wait_for(lambda: self.probe(kind, startup)[0], 120, 1, alive=self.proc.running)
        # Ready as the kubelet sees it: the readiness probe passes (AMQP listeners start last).
        ready = [pr for k, pr in rendered.probes(self.container) if k == "readinessProbe"]
        started = started and all(harness.wait_for(lambda: self.probe("readinessProbe", pr)[0], 60, 1, alive=self.proc.running) for pr in ready)
        harness.report(started, p, "boots with the rendered rabbitmq.conf and enabled_plugins; startup and readiness probes pass", env,
                       self.proc.output() + self._logs())
        if not started:
            return False
        # kubectl logs shows the container's stdout: the node must log there, not only to a file.
        # The line follows the AMQP listener's start, which readiness already saw: allow the node to get there.
        console = harness.wait_for(lambda: "Server startup complete" in self.proc.output(), 30, 0.5, alive=self.proc.running)
        harness.report(console, p, "logs to the console (what kubectl logs shows)", env, self.proc.output())
        plugins = open(self.fs.host("/etc/rabbitmq/conf.d/enabled_plugins")).read()
        wanted = re.findall(r"[a-z0-9_]+", plugins)
        code, out = self.ctl("eval", "rabbit_plugins:active().")
        missing = [w for w in wanted if w not in out]
        harness.report(code == 0 and not missing, p, "enabled plugins active: %s" % ", ".join(wanted), env,
                       "missing: %s\n%s" % (missing, out))
        if self.default_queue_type:
            self._default_queue_type()
        return True

    def _default_queue_type(self):
        vhost = self.container_env.get("RABBITMQ_DEFAULT_VHOST", "/")
        user = self.container_env.get("RABBITMQ_DEFAULT_USER", "guest")
        steps = [("delete_vhost", vhost), ("add_vhost", vhost, "--default-queue-type", self.default_queue_type),
                 ("set_permissions", "-p", vhost, user, ".*", ".*", ".*")]
        outs = []
        ok = True
        for step in steps:
            code, out = self.ctl(*step)
            outs.append(out)
            ok = ok and code == 0
        harness.note("default_queue_type = %s applied as vhost %s's default queue type" % (self.default_queue_type, vhost))
        if not ok:
            harness.report(False, self.program, "vhost default queue type", self.env_name, "\n".join(outs))

    def _logs(self):
        out = []
        for path in glob.glob(os.path.join(self.env["RABBITMQ_LOG_BASE"], "*.log")):
            out.append(open(path, errors="replace").read()[-3000:])
        return "\n".join(out)

    def check_probes(self):
        for kind, probe in rendered.probes(self.container):
            ok, out = self.probe(kind, probe)
            what = " ".join(probe["exec"]["command"]) if "exec" in probe else "tcpSocket %s" % probe.get("tcpSocket", {}).get("port")
            harness.report(ok, self.program, "%s `%s` passes on the running node" % (kind, what), self.env_name, out)

    def queues(self):
        code, out = self.ctl("list_queues", "-p", self.container_env.get("RABBITMQ_DEFAULT_VHOST", "/"),
                             "name", "type", "messages", "consumers", "--formatter", "json")
        try:
            return {q["name"]: q for q in json.loads(out)} if code == 0 else {}
        except ValueError:
            return {}

    def prestop_and_stop(self):
        """The rendered preStop, then SIGTERM: both inside terminationGracePeriodSeconds."""
        grace = rendered.pod_spec(self.sts).get("terminationGracePeriodSeconds", 30)
        pre = self.container.get("lifecycle", {}).get("preStop", {})
        spent = 0.0
        if "exec" in pre:
            command = [rendered.expand(a, self.container_env) for a in pre["exec"]["command"]]
            began = time.monotonic()
            code, out = self.exec_in_container(command, grace)
            spent = time.monotonic() - began
            harness.report(code == 0, self.program, "preStop `%s` succeeds (%.1fs)" % (" ".join(command[2:] if command[:2] == ["sh", "-c"] else command), spent),
                           self.env_name, out)
        budget = [int(t) for t in re.findall(r"-t\s+(\d+)", " ".join(pre.get("exec", {}).get("command", [])))]
        began = time.monotonic()
        code = self.proc.stop(max(1, grace - spent))
        stopped = time.monotonic() - began
        harness.report(sum(budget) + stopped <= grace, self.program,
                       "preStop timeouts (%s s) plus the measured stop (%.1f s) fit the %d s grace period"
                       % ("+".join(map(str, budget)) or "0", stopped, grace), self.env_name, "timeouts %s, grace %d" % (budget, grace))
        harness.report(code == 0 and spent + stopped <= grace, self.program,
                       "SIGTERM after preStop stops the node cleanly (exit %s, %.1fs, grace %d s)" % (code, stopped, grace),
                       self.env_name, self.proc.output())
        self.epmd.stop(5)
