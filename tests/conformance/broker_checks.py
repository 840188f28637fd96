"""Per environment: the rendered RabbitMQ node, then every rendered Celery program against it.

usage: broker_checks.py ENV RENDER_DIR WORK_DIR CELERY_NEW_VERSION CELERY_NEW_PATH
(an empty CELERY_NEW_VERSION when no Celery >= 5.5 could be had)
"""

import os
import sys

import celery_checks
import harness
import rabbitmq
import rendered


def debian_celery():
    code, out = harness.run(["/usr/bin/python3", "-c", "import celery; print(celery.__version__)"], "/", harness.base_env(), 30)
    return celery_checks.Celery(out.strip(), "")


def main():
    env_name, render_dir, work, new_version, new_path = sys.argv[1:6]
    broker_dir = os.path.join(render_dir, "rabbitmq")
    if not os.path.isdir(broker_dir):
        harness.note("%s deploys no rabbitmq stack: no broker checks" % env_name)
        return
    node_work = os.path.join(work, "rabbitmq")
    os.makedirs(node_work)
    os.chmod(node_work, 0o755)
    node = rabbitmq.Node(env_name, rendered.load(broker_dir), node_work)
    try:
        if not node.start():
            return
        node.check_probes()
        workers_dir = os.path.join(render_dir, "workers")
        if os.path.isdir(workers_dir):
            celery_work = os.path.join(work, "celery")
            os.makedirs(celery_work)
            os.chmod(celery_work, 0o755)
            new = celery_checks.Celery(new_version, new_path) if new_version else None
            celery_checks.Suite(env_name, rendered.load(workers_dir), node, celery_work, new, debian_celery()).run()
        node.prestop_and_stop()
    finally:
        for proc in (node.proc, node.epmd):
            if proc:
                proc.kill()


if __name__ == "__main__":
    main()
