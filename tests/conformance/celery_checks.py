"""The rendered Celery programs (workers per queue, beat, producer) against one running RabbitMQ node.

The app image is replaced by a stub app (`<app>.py` with the tasks the render names) in the rendered working
directory, beside the rendered configuration module. Programs run with the container's env as the kubelet
expands it, broker host names resolved by shim/sitecustomize.py. `celery` is the real Celery: Debian 12's 5.2.6,
or 5.5 from Debian trixie's archive unpacked into a private prefix (see `run`).
"""

import json
import os
import re
import signal
import textwrap
from urllib.parse import quote

import harness
import rendered

HERE = os.path.dirname(os.path.abspath(__file__))
QOS_FAILURE = "does not support global qos"

SEND = textwrap.dedent("""\
    import importlib, json, sys
    app = importlib.import_module(sys.argv[1]).app
    print(app.send_task(sys.argv[2], args=json.loads(sys.argv[4]), queue=sys.argv[3]).id)
""")

STUB = textwrap.dedent('''\
    # Conformance stub of the app image: `celery -A {app}` finds `app` here. Its settings come from
    # CELERY_CONFIG_MODULE (the rendered module) when the render sets it, else from CELERY_BROKER_URL.
    import os
    import time

    from celery import Celery

    app = Celery("{app}")


    def _log(line):
        with open(os.environ["CONFORMANCE_TASK_LOG"], "a") as f:
            f.write(line + "\\n")
    {tasks}

    @app.task(name="conformance.work")
    def work(token, seconds):
        _log("start " + token)
        time.sleep(seconds)
        _log("done " + token)
''')

PRODUCED_TASK = textwrap.dedent('''

    @app.task(name="{name}")
    def produced_{index}(*args, **kwargs):
        _log("ran {name}")
''')


class Celery:
    """One Celery installation: its version and the PYTHONPATH entry that selects it ('' for Debian's)."""

    def __init__(self, version, path):
        self.version = version
        self.path = path
        self.program = "celery " + version


def celery_argv(c):
    command = c.get("command", []) + c.get("args", [])
    return command if command[:1] == ["celery"] else None


class Program:
    """One rendered Celery container, materialised under work/<object>-<container>."""

    def __init__(self, suite, obj, c):
        self.suite = suite
        self.obj = obj
        self.container = c
        self.name = "%s/%s" % (obj["kind"], obj["metadata"]["name"])
        self.root = os.path.join(suite.work, "%s-%s" % (obj["metadata"]["name"], c["name"]))
        os.makedirs(self.root, exist_ok=True)
        self.fs = rendered.ContainerFs(suite.objects, obj, c, self.root)
        self.uid, self.gid = rendered.run_as(obj, c)
        self.container_env = rendered.env(suite.objects, c, rendered.pod_name(obj))
        self.rendered_argv = rendered.argv(c, self.container_env)
        self.argv = self.fs.argv(self.rendered_argv)
        self.app = self.argv[self.argv.index("-A") + 1]
        self.subcommand = self.argv[self.argv.index("-A") + 2]
        self.cwd = self.fs.host(c.get("workingDir", "/app"))
        os.makedirs(self.cwd, exist_ok=True)
        tasks = "".join(PRODUCED_TASK.format(name=n, index=i) for i, n in enumerate(suite.called_tasks))
        with open(os.path.join(self.cwd, self.app + ".py"), "w") as f:
            f.write(STUB.format(app=self.app, tasks=tasks))
        self.fs.chown(self.uid, self.gid)
        self.proc = None

    def env(self, celery):
        env = harness.base_env()
        env.update(self.fs.env(self.container_env))
        env.update({
            "PATH": os.path.join(HERE, "bin") + ":" + env["PATH"],
            "PYTHONPATH": ":".join(p for p in (os.path.join(HERE, "shim"), celery.path) if p),
            "CONFORMANCE_NET": json.dumps(self.suite.net),
            "CONFORMANCE_TASK_LOG": self.suite.task_log,
            "HOME": self.root,
        })
        return env

    def describe(self):
        shown = self.rendered_argv[self.rendered_argv.index("-A") + 2:]
        return "`celery -A %s %s`" % (self.app, " ".join(shown))

    def start(self, celery, log_name=None, argv=None):
        log = os.path.join(self.root, (log_name or self.subcommand) + "-" + celery.version + ".log")
        self.proc = harness.Proc(argv or self.argv, self.cwd, self.env(celery), 300, log, self.uid, self.gid)
        return self.proc

    def send(self, celery, task, queue, args):
        code, out = harness.run(["/usr/bin/python3", "-c", SEND, self.app, task, queue, json.dumps(args)], self.cwd,
                                self.env(celery), 60, self.uid, self.gid)
        return code == 0, out

    def probes(self):
        """The container's exec probes with the broker's AMQP port moved as the broker was (decimal and /proc hex)."""
        for kind, probe in rendered.probes(self.container):
            command = [rendered.expand(a, self.container_env) for a in probe["exec"]["command"]]
            command = self.fs.argv(command)
            for rendered_port, private in self.suite.net["ports"].items():
                command = [a.replace(":%04X " % int(rendered_port), ":%04X " % private) for a in command]
            yield kind, probe, command

    def run_probes(self, celery, label):
        results = []
        for kind, probe, command in self.probes():
            code, out = harness.run(command, self.cwd, self.env(celery), probe.get("timeoutSeconds", 1) + 5, self.uid, self.gid)
            results.append((kind, probe, code == 0, out))
        return results


class Suite:
    """The Celery checks of one environment."""

    def __init__(self, env_name, objects, node, work, celery_new, celery_old):
        self.env_name = env_name
        self.objects = objects
        self.node = node
        self.work = work
        self.new = celery_new
        self.old = celery_old
        self.task_log = os.path.join(work, "tasks.log")
        open(self.task_log, "w").close()
        os.chmod(self.task_log, 0o666)
        self.net = {"ports": {str(rendered_port): private for rendered_port, private in node.ports.items()},
                    "down": [], "closed": harness.free_port()}
        containers = [(o, c) for kind in ("Deployment", "Job") for o in rendered.of_kind(objects, kind)
                      for c in rendered.pod_spec(o)["containers"] if celery_argv(c)]
        # Tasks the render calls by name (the producer's `celery call TASK`): the stub app must define them.
        self.called_tasks = [a[a.index("call") + 1] for _, c in containers for a in [celery_argv(c)] if "call" in a]
        self.programs = [Program(self, o, c) for o, c in containers]
        self._node_down()

    def _node_down(self):
        """With more than one broker URL, the first node is down: the programs must fail over to the next."""
        hosts = sorted({h for p in self.programs for h in _broker_hosts(p)})
        if len(hosts) > 1:
            self.net["down"] = [hosts[0]]
            harness.note("%s is down (connection refused): programs must fail over to the next broker URL" % hosts[0])

    def tasks(self):
        with open(self.task_log) as f:
            return f.read().splitlines()

    def report(self, ok, celery, check, detail=None):
        return harness.report(ok, celery.program, check, self.env_name, detail)

    def run(self):
        workers = [p for p in self.programs if p.subcommand == "worker"]
        beats = [p for p in self.programs if p.subcommand == "beat"]
        producers = [p for p in self.programs if p.subcommand == "call"]
        if self.new:
            self.check_workers(self.new, workers, producers)
            for beat in beats:
                self.check_beat(self.new, beat)
        else:
            harness.note("no Celery >= 5.5: the rendered workers, beat and producer are checked only for the guard below")
        if workers:
            self.check_guard(workers[0])
        self.reproduce_finding_1(self.old)
        self.reproduce_finding_1(self.old, declared=True)
        if self.new:
            self.reproduce_finding_1(self.new)

    def check_workers(self, celery, workers, producers):
        for w in workers:
            w.start(celery)
        for w in workers:
            ready = harness.wait_for(lambda: " ready." in w.proc.output(), 90, 0.5, alive=w.proc.running)
            w.ready = ready
            self.report(ready, celery, "%s %s starts and connects to the broker" % (w.name, w.describe()), w.proc.output())
            if ready and self.net["down"]:
                connected = re.findall(r"Connected to amqp://[^@]*@([^:/]+)", w.proc.output())
                self.report(bool(connected) and connected[-1] not in self.net["down"], celery,
                            "%s fails over past the down node to %s" % (w.name, connected[-1] if connected else "nothing"), w.proc.output())
        live = [w for w in workers if w.ready]
        for w in live:
            for kind, probe, ok, out in w.run_probes(celery, "running"):
                self.report(ok, celery, "%s %s passes while the worker is connected" % (w.name, kind), out)
        for p in producers:
            queue = p.argv[p.argv.index("--queue") + 1] if "--queue" in p.argv else None
            task = p.argv[p.argv.index("call") + 1]
            code, out = harness.run(p.argv, p.cwd, p.env(celery), 60, p.uid, p.gid)
            consumed = code == 0 and harness.wait_for(lambda: "ran " + task in self.tasks(), 30)
            self.report(consumed, celery, "%s %s exits 0 and a worker of queue %s runs %s" % (p.name, p.describe(), queue, task),
                        out + "\n" + "\n".join(self.tasks()))
        # One task per queue, still running when the worker gets SIGTERM.
        for w in live:
            queue = w.argv[w.argv.index("--queues") + 1]
            w.queue = queue
            w.token = "%s-%s" % (queue, celery.version)
            ok, out = w.send(celery, "conformance.work", queue, [w.token, 6])
            if not ok:
                self.report(False, celery, "send a task to queue %s" % queue, out)
        for w in live:
            started = harness.wait_for(lambda: "start " + w.token in self.tasks(), 30, 0.2, alive=w.proc.running)
            queue_type = self.node.queues().get(w.queue, {}).get("type")
            self.report(started and queue_type == "quorum", celery,
                        "%s consumes a task from queue %s (queue type on the broker: %s)" % (w.name, w.queue, queue_type),
                        w.proc.output())
            w.in_flight = started
        for w in live:
            if w.in_flight:
                w.proc.signal(signal.SIGTERM)
        for w in live:
            grace = rendered.pod_spec(w.obj).get("terminationGracePeriodSeconds", 30)
            code = w.proc.wait(min(grace, 60))
            finished = "done " + w.token in self.tasks()
            # A quorum queue's message count reaches the CLI with the next metrics tick.
            harness.wait_for(lambda: self.node.queues().get(w.queue, {}).get("messages") == 0, 20, 1)
            left = self.node.queues().get(w.queue, {}).get("messages")
            self.report(w.in_flight and code == 0 and finished and left == 0, celery,
                        "%s SIGTERM: warm shutdown finishes the in-flight task, exits 0, the task is acked (exit %s, %s messages left)"
                        % (w.name, code, left), w.proc.output())
            w.proc.kill()
        for w in workers:
            if w.proc.running():
                w.proc.kill()
        # No program holds a broker connection now: a probe that still passed would prove nothing.
        for w in live[:1]:
            for kind, probe, ok, out in w.run_probes(celery, "stopped"):
                if kind == "readinessProbe":
                    self.report(not ok, celery, "%s %s fails once the worker is gone" % (w.name, kind), out)

    def check_beat(self, celery, beat):
        heartbeat = beat.fs.env(beat.container_env).get("STACKGEN_BEAT_HEARTBEAT")
        proc = beat.start(celery)
        if heartbeat:
            touched = harness.wait_for(lambda: os.path.exists(heartbeat), 60, 0.5, alive=proc.running)
            self.report(touched, celery, "%s %s runs and touches its heartbeat file" % (beat.name, beat.describe()), proc.output())
        probes_ok = harness.wait_for(lambda: all(ok for _, _, ok, _ in beat.run_probes(celery, "beat")), 60, 1, alive=proc.running)
        for kind, probe, ok, out in beat.run_probes(celery, "beat"):
            self.report(probes_ok and ok, celery, "%s %s passes while beat runs" % (beat.name, kind), out + proc.output()[-2000:])
        code = proc.stop(30)
        self.report(code == 0, celery, "%s stops on SIGTERM (exit %s)" % (beat.name, code), proc.output())

    def check_guard(self, worker):
        """The rendered module refuses an old Celery with one clear line instead of reconnecting forever."""
        old = self.old
        proc = worker.start(old, "guard")
        code = proc.wait(60)
        proc.kill()
        out = proc.output()
        line = next((l for l in out.splitlines() if "stackgen:" in l), "")
        ok = code not in (None, 0) and ("Celery %s found" % old.version) in line and ">= 5.5" in line
        self.report(ok, old, "%s with the rendered configuration module exits at once (exit %s): %s"
                    % (worker.name, code, line.strip() or "no stackgen line"), out)

    def reproduce_finding_1(self, celery, declared=False):
        """A worker that does not declare its queue quorum, on a queue the server makes quorum by default; or
        (declared) one that declares it quorum itself, as the rendered module does, which only 5.5+ detects."""
        kind = "declared" if declared else "plain"
        queue = "conformance-%s-%s" % (kind, celery.version)
        root = os.path.join(self.work, "%s-%s" % (kind, celery.version))
        os.makedirs(root)
        vhost = self.node.container_env.get("RABBITMQ_DEFAULT_VHOST", "/")
        url = "amqp://%s:%s@127.0.0.1:%d/%s" % (quote(self.node.container_env["RABBITMQ_DEFAULT_USER"], safe=""),
                                                quote(self.node.container_env["RABBITMQ_DEFAULT_PASS"], safe=""),
                                                self.node.amqp_port(), quote(vhost, safe=""))
        with open(os.path.join(root, "plain.py"), "w") as f:
            f.write(STUB.format(app="plain", tasks="") + "\napp.conf.broker_url = %r\n" % url)
            if declared:
                f.write("from kombu import Queue\napp.conf.task_queues = [Queue(%r, queue_arguments={'x-queue-type': 'quorum'})]\n" % queue)
        env = harness.base_env()
        env.update({"PATH": os.path.join(HERE, "bin") + ":" + env["PATH"], "PYTHONPATH": celery.path,
                    "CONFORMANCE_TASK_LOG": self.task_log, "HOME": root})
        log = os.path.join(root, "worker.log")
        proc = harness.Proc(["celery", "-A", "plain", "worker", "--loglevel", "INFO", "--queues", queue, "--concurrency", "1",
                             "--without-gossip", "--without-mingle"], root, env, 120, log)
        token = "%s-%s" % (kind, celery.version)
        code, out = harness.run(["/usr/bin/python3", "-c", SEND, "plain", "conformance.work", queue, json.dumps([token, 0])],
                                root, env, 60)
        failed = harness.wait_for(lambda: proc.output().count(QOS_FAILURE) >= 3, 60, 0.5, alive=proc.running)
        consumed = "start " + token in self.tasks()
        queue_type = self.node.queues().get(queue, {}).get("type")
        proc.stop(20)
        loops = proc.output().count(QOS_FAILURE)
        error = next((l.strip() for l in proc.output().splitlines() if QOS_FAILURE in l), "")
        what = ("a worker declaring its queue quorum (x-queue-type) still never consumes: the guard's minimum is needed"
                if declared else "finding 1 reproduced: a plain worker on a server-default quorum queue never consumes")
        self.report(failed and not consumed and queue_type == "quorum", celery,
                    "%s (%d reconnects: %s)" % (what, loops, error[:160]), out + proc.output())


def _broker_hosts(program):
    """The broker host names a program's rendered configuration names (module or env URL)."""
    hosts = set()
    texts = list(program.container_env.values())
    module = program.fs.host(program.container.get("workingDir", "/app"))
    for name in os.listdir(module):
        if name.endswith(".py"):
            with open(os.path.join(module, name)) as f:
                texts.append(f.read())
    for text in texts:
        hosts.update(re.findall(r"([a-z0-9-]+(?:\.[a-z0-9-]+)*\.svc\.cluster\.local)", text))
    return hosts
