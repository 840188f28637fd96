"""The rendered web tier: uWSGI (Debian 12's) runs the rendered uwsgi.ini with a stub Flask app.

usage: web_checks.py ENV RENDER_DIR WORK_DIR

Debian builds uWSGI's Python support as a plugin that the app image's pip-built uWSGI has built in: it is loaded
through the environment (UWSGI_PLUGINS=python3), so the rendered command and ini stay as rendered. The ini's
socket port moves to a private port on 127.0.0.1.
"""

import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request

import harness
import rendered

STUB = textwrap.dedent('''\
    # Conformance stub of the app image's WSGI module, named by the rendered ini's `module`.
    import importlib
    import os
    import time

    from flask import Flask

    {attribute} = Flask(__name__)

    for _path in {paths!r}:
        {attribute}.add_url_rule(_path, _path, lambda: "ok")


    @{attribute}.route("/conformance/slow/<int:seconds>")
    def slow(seconds):
        time.sleep(seconds)
        return "finished"


    @{attribute}.route("/conformance/broker")
    def broker():
        """The rendered Celery module (CELERY_CONFIG_MODULE) imports and its broker URLs carry the password intact."""
        from kombu.utils.url import url_to_parts

        module = importlib.import_module(os.environ["CELERY_CONFIG_MODULE"])
        # A list, or kombu's ';'-separated fail-over string.
        urls = module.broker_url if isinstance(module.broker_url, list) else module.broker_url.split(";")
        parts = [url_to_parts(u) for u in urls]
        ok = all(p.password == os.environ["RABBITMQ_PASSWORD"] and p.port for p in parts)
        return ("%d broker URLs, password intact" % len(parts)) if ok else ("broken: %r" % (parts,), 500)
''')


def version():
    return subprocess.run(["uwsgi", "--version"], capture_output=True, text=True).stdout.strip()


def get(port, path, limit=10):
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path), timeout=limit) as r:
            return r.status, r.read().decode(errors="replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")
    except OSError as e:
        return None, str(e)


def main():
    env_name, render_dir, work = sys.argv[1:4]
    web_dir = os.path.join(render_dir, "web")
    if not os.path.isdir(web_dir):
        harness.note("%s deploys no web stack" % env_name)
        return
    program = "uwsgi " + version()
    objects = rendered.load(web_dir)
    deployment = rendered.of_kind(objects, "Deployment")[0]
    c = rendered.pod_spec(deployment)["containers"][0]
    root = os.path.join(work, "web")
    os.makedirs(root)
    fs = rendered.ContainerFs(objects, deployment, c, root)
    uid, gid = rendered.run_as(deployment, c)
    container_env = rendered.env(objects, c, rendered.pod_name(deployment))
    argv = fs.argv(rendered.argv(c, container_env))
    ini_path = argv[argv.index("--ini") + 1]
    port = harness.free_port()
    ports = {p["containerPort"]: port for p in c.get("ports", [])}
    ini = open(ini_path).read()
    module = re.search(r"^module\s*=\s*(\S+)", ini, re.M).group(1)

    def move_socket(m):
        rendered_port = int(m.group(2))
        harness.note("moved `%s = %s` to 127.0.0.1:%d" % (m.group(1), m.group(2), ports.get(rendered_port, port)))
        return "%s = 127.0.0.1:%d" % (m.group(1), ports.get(rendered_port, port))

    ini = re.sub(r"^(http-socket|http|socket)\s*=\s*[^:\s]*:(\d+)\s*$", move_socket, ini, flags=re.M)
    with open(ini_path, "w") as f:
        f.write(fs.path(ini))

    # The image's code: the WSGI module in the working directory (the rendered one, else /app).
    app_dir = fs.host(c.get("workingDir", "/app"))
    package, _, attribute = module.partition(":")
    parts = package.split(".")
    path_probes = [pr["httpGet"]["path"] for _, pr in rendered.probes(c) if "httpGet" in pr]
    target = os.path.join(app_dir, *parts[:-1])
    os.makedirs(target, exist_ok=True)
    for i in range(1, len(parts)):
        open(os.path.join(app_dir, *parts[:i], "__init__.py"), "a").close()
    with open(os.path.join(target, parts[-1] + ".py"), "w") as f:
        f.write(STUB.format(attribute=attribute or "application", paths=sorted(set(path_probes))))
    fs.chown(uid, gid)

    env = harness.base_env()
    env.update(fs.env(container_env))
    env.update({"UWSGI_PLUGINS": "python3", "HOME": root, "PYTHONPATH": app_dir})
    proc = harness.Proc(argv, app_dir, env, 300, os.path.join(work, "uwsgi.log"), uid, gid)
    try:
        up = harness.wait_for(lambda: get(port, path_probes[0] if path_probes else "/", 2)[0] == 200, 60, 0.5, alive=proc.running)
        harness.report(up, program, "runs `%s` with the rendered ini (strict) and stub module %s" % (" ".join(rendered.argv(c, container_env)), module),
                       env_name, proc.output())
        if not up:
            return
        for kind, probe in rendered.probes(c):
            if "httpGet" in probe:
                status, body = get(ports[rendered.named_port(c, probe["httpGet"]["port"])], probe["httpGet"]["path"], probe.get("timeoutSeconds", 1))
                harness.report(status == 200, program, "%s GET %s answers %s" % (kind, probe["httpGet"]["path"], status), env_name, body)
        if "CELERY_CONFIG_MODULE" in container_env:
            status, body = get(port, "/conformance/broker")
            harness.report(status == 200, program, "the rendered Celery module imports under uWSGI: %s" % body.strip()[:80], env_name,
                           body + proc.output())
        pre = c.get("lifecycle", {}).get("preStop", {})
        pre_sleep = pre.get("sleep", {}).get("seconds", 0)
        slow = {}
        # Still running 4 s after SIGTERM.
        thread = threading.Thread(target=lambda: slow.update(result=get(port, "/conformance/slow/%d" % (pre_sleep + 5), 60)))
        thread.start()
        time.sleep(1)
        time.sleep(pre_sleep)  # the rendered preStop: the kubelet sleeps before SIGTERM
        grace = rendered.pod_spec(deployment).get("terminationGracePeriodSeconds", 30)
        began = time.monotonic()
        proc.signal(signal.SIGTERM)
        code = proc.wait(grace)
        took = time.monotonic() - began
        thread.join(30)
        status, body = slow.get("result", (None, "no answer"))
        harness.report(status == 200 and body == "finished" and code is not None and took >= 3, program,
                       "SIGTERM with a request in flight: the request completes (%s), uWSGI exits (code %s) in %.1f s of %d s grace"
                       % (status, code, took, grace), env_name, body + "\n" + proc.output())
    finally:
        proc.kill()


if __name__ == "__main__":
    main()
