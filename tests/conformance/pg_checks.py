"""pghoard's database side: the rendered create-slot init container against a real PostgreSQL over SSL.

usage: pg_checks.py WORK_DIR ENV=RENDER_DIR...

One PostgreSQL 15 (Debian 12's) for all environments, run by the postgres user from a temp dir: loopback only,
a private port, SSL with a self-signed certificate made here, wal_level=replica, and a pg_hba.conf that accepts
only SSL connections (so a command that connects at all connected over SSL). The rendered conninfo's host is
reached through PGHOSTADDR=127.0.0.1 (libpq's own way to skip DNS) and its port is moved to the private port.
"""

import json
import os
import pwd
import re
import signal
import subprocess
import sys

import harness
import rendered

BIN = "/usr/lib/postgresql/15/bin"


def version():
    out = subprocess.run([BIN + "/postgres", "--version"], capture_output=True, text=True).stdout
    return re.search(r"\) (\S+)", out).group(1)


class Server:
    def __init__(self, work):
        self.work = os.path.join(work, "postgres")
        os.makedirs(self.work)
        user = pwd.getpwnam("postgres")
        self.uid, self.gid = user.pw_uid, user.pw_gid
        os.chown(self.work, self.uid, self.gid)
        self.data = os.path.join(self.work, "data")
        self.sockets = self.work
        self.port = harness.free_port()
        self.env = harness.base_env()
        self.env.update({"PATH": BIN + ":" + self.env["PATH"], "HOME": self.work})
        self.proc = None

    def as_postgres(self, argv, limit=60):
        return harness.run(argv, self.work, self.env, limit, self.uid, self.gid)

    def start(self):
        code, out = self.as_postgres(["initdb", "-D", self.data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256"])
        if code != 0:
            return False, out
        key, crt = os.path.join(self.data, "server.key"), os.path.join(self.data, "server.crt")
        code, out2 = self.as_postgres(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                                       "-subj", "/CN=localhost", "-keyout", key, "-out", crt])
        if code != 0:
            return False, out + out2
        with open(os.path.join(self.data, "postgresql.conf"), "a") as f:
            f.write(server_settings(self.port, self.sockets))
        with open(os.path.join(self.data, "pg_hba.conf"), "w") as f:
            f.write("local all postgres trust\n"
                    "hostssl replication all 127.0.0.1/32 scram-sha-256\n"
                    "hostssl all all 127.0.0.1/32 scram-sha-256\n")
        self.proc = harness.Proc(["postgres", "-D", self.data], self.work, self.env, 600, os.path.join(self.work, "server.log"),
                                 self.uid, self.gid)
        up = harness.wait_for(lambda: self.sql("select 1")[0] == 0, 30, 0.3, alive=self.proc.running)
        return up, out + self.proc.output()

    def sql(self, statement):
        return self.as_postgres(["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", self.sockets, "-p", str(self.port),
                                 "-U", "postgres", "-d", "postgres", "-c", statement], 30)

    def stop(self):
        if self.proc:
            self.proc.signal(signal.SIGINT)  # fast shutdown
            self.proc.wait(30)
            self.proc.kill()


def server_settings(port, sockets):
    """A primary as README's pghoard section asks for it: replica WAL, slots, max_slot_wal_keep_size."""
    return ("\n# conformance\nlisten_addresses = '127.0.0.1'\nport = %d\nunix_socket_directories = '%s'\n"
            "ssl = on\nwal_level = replica\nmax_wal_senders = 10\nmax_replication_slots = 10\n"
            "max_slot_wal_keep_size = '1GB'\nlog_connections = on\n" % (port, sockets))


def check_env(server, program, env_name, render_dir, work):
    pghoard_dir = os.path.join(render_dir, "pghoard")
    if not os.path.isdir(pghoard_dir):
        harness.note("%s deploys no pghoard stack" % env_name)
        return
    objects = rendered.load(pghoard_dir)
    deployment = rendered.of_kind(objects, "Deployment")[0]
    config = next(s["stringData"]["pghoard.json"] for s in rendered.of_kind(objects, "Secret") if "pghoard.json" in s.get("stringData", {}))
    init = rendered.container(deployment, "create-slot", init=True)
    try:
        parsed = json.loads(config)
        nodes = [n for site in parsed["backup_sites"].values() for n in site["nodes"]]
    except (ValueError, KeyError) as e:
        harness.report(False, program, "pghoard.json parses", env_name, str(e))
        return
    if init is None:
        harness.report(False, program, "the pghoard pod has a create-slot init container", env_name, "none rendered")
        return
    root = os.path.join(work, "pghoard-" + env_name)
    os.makedirs(root)
    fs = rendered.ContainerFs(objects, deployment, init, root)
    uid, gid = rendered.run_as(deployment, init)
    fs.chown(uid, gid)
    container_env = rendered.env(objects, init, rendered.pod_name(deployment))
    argv = fs.argv(rendered.argv(init, container_env))
    slot = argv[argv.index("--slot") + 1]
    harness.report(all(n.get("slot") == slot for n in nodes), program,
                   "pghoard.json parses; its %d node(s) stream from slot %r, the slot create-slot creates" % (len(nodes), slot),
                   env_name, config)
    dbname = argv.index("--dbname") + 1
    argv[dbname] = re.sub(r"port='?(\d+)'?", "port='%d'" % server.port, argv[dbname])
    harness.note("create-slot: host reached through PGHOSTADDR=127.0.0.1, port moved to %d" % server.port)
    # The rendered role: the node's user, a replication role with the Secret's (test) password.
    role = nodes[0]["user"]
    server.sql("drop role if exists %s" % role)
    code, out = server.sql("create role %s with login replication password '%s'" % (role, container_env["PGPASSWORD"].replace("'", "''")))
    if code != 0:
        harness.report(False, program, "create replication role %s" % role, env_name, out)
        return
    env = harness.base_env()
    env.update(fs.env(container_env))
    env.update({"PATH": BIN + ":" + env["PATH"], "PGHOSTADDR": "127.0.0.1", "HOME": root})
    shown = " ".join(rendered.argv(init, container_env))
    ssl_line = r"replication connection authorized: user=%s.*SSL enabled" % re.escape(role)
    for attempt in ("creates the slot", "runs again (slot exists): exits 0, idempotent"):
        before = len(re.findall(ssl_line, server.proc.output()))
        code, out = harness.run(argv, root, env, 60, uid, gid)
        _, slots = server.sql("select slot_name || ':' || slot_type from pg_replication_slots")
        over_ssl = harness.wait_for(lambda: len(re.findall(ssl_line, server.proc.output())) > before, 15)
        harness.report(code == 0 and slots.split() == ["%s:physical" % slot] and over_ssl, program,
                       "create-slot `%s` %s over SSL (as uid %d)" % (shown, attempt, uid), env_name,
                       out + "\nslots: " + slots + "\n" + server.proc.output()[-1500:])
    server.sql("select pg_drop_replication_slot('%s')" % slot)
    check_working_dir(objects, deployment, program, env_name, work)


def check_working_dir(objects, deployment, program, env_name, work):
    """pghoard writes persisted_progress_file.json into its working directory: it must be the data volume."""
    c = rendered.container(deployment, "pghoard")
    claims = {v["name"] for v in rendered.pod_spec(deployment).get("volumes", []) if "persistentVolumeClaim" in v}
    data = [m["mountPath"] for m in c.get("volumeMounts", []) if m["name"] in claims]
    root = os.path.join(work, "pghoard-main-" + env_name)
    os.makedirs(root)
    fs = rendered.ContainerFs(objects, deployment, c, root)
    uid, gid = rendered.run_as(deployment, c)
    fs.chown(uid, gid)  # fsGroup makes the claim writable by the pod's group
    working = c.get("workingDir")
    code, out = (1, "no workingDir") if not working else harness.run(
        ["sh", "-c", "echo {} > persisted_progress_file.json"], fs.host(working), harness.base_env(), 10, uid, gid)
    harness.report(working in data and code == 0, program,
                   "pghoard's workingDir %s is its data volume, writable by uid %d" % (working, uid), env_name, out)


def main():
    work = sys.argv[1]
    program = "postgresql " + version()
    server = Server(work)
    try:
        up, out = server.start()
        harness.report(up, program, "starts as the postgres user on 127.0.0.1 with SSL and wal_level=replica", "all", out)
        if not up:
            return
        for arg in sys.argv[2:]:
            env_name, render_dir = arg.split("=", 1)
            check_env(server, program, env_name, render_dir, work)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
