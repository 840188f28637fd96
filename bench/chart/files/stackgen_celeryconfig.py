# Rendered by StackGen from stacks/Celery/stackgen_celeryconfig.py.sbn; change the settings of the workers and rabbitmq stacks, not this file.
# Celery loads this module because CELERY_CONFIG_MODULE names it. The app must not set these settings itself
# (app.config_from_object, Celery(broker=...), app.conf.update): that would replace this module.
import os
import pathlib
from urllib.parse import quote

import celery
from celery.beat import PersistentScheduler
from kombu import Exchange, Queue

# Quorum queues refuse global QoS; Celery turns it off for queues it declares quorum only from this version on.
# An older Celery would reconnect forever without consuming a task: fail here, with one line, instead.
_MINIMUM_CELERY = {{ include "shop.celery.minimumVersion" . | toJson }}
if tuple(celery.VERSION[:3]) < tuple(int(part) for part in _MINIMUM_CELERY.split(".")):
    raise ImportError(
        "stackgen: Celery %s found, quorum queues need Celery >= %s (settings: workers.celeryVersion)"
        % (celery.__version__, _MINIMUM_CELERY)
    )

# One URL per RabbitMQ node, so Celery fails over to the next. The credentials come from the environment and are
# URL-quoted here: the kubelet's $(VAR) expansion would splice a password with '/', '+', '@' or '#' in raw.
_login = ":".join(quote(os.environ[name], safe="") for name in ("RABBITMQ_USERNAME", "RABBITMQ_PASSWORD"))
_vhost = quote({{ .Values.rabbitmq.vhost | toJson }}, safe="")
_nodes = [
{{- range $host := include "shop.rabbitmq.nodeHosts" . | fromYamlArray }}
    {{ $host | toJson }},
{{- end }}
]
# Joined with ';' (kombu's fail-over list), not a Python list: Celery 5.5.0 sets up delayed delivery for quorum
# queues by splitting broker_url, and a list crashes the worker (celery/celery#9651). Quoting encodes any ';'.
broker_url = ";".join("amqp://%s@%s:%d/%s" % (_login, node, {{ include "shop.rabbitmq.amqpPort" . }}, _vhost) for node in _nodes)

# Declared quorum by the client: that is what Celery looks at (not the server's default queue type).
task_queues = [
{{- range .Values.workers.queues }}
    Queue({{ .name | toJson }}, Exchange({{ .name | toJson }}), routing_key={{ .name | toJson }}, queue_arguments={"x-queue-type": "quorum"}),
{{- end }}
]
{{- with include "shop.celery.defaultQueue" . }}
task_default_queue = {{ . | toJson }}
{{- end }}

# Acknowledge a task after it ran, and put it back when its process dies (OOM kill, node loss): tasks are idempotent.
task_acks_late = True
task_reject_on_worker_lost = True
worker_detect_quorum_queues = True


class HeartbeatScheduler(PersistentScheduler):
    """Beat's scheduler, touching a heartbeat file on every tick: the probes check its age, whatever dbm stores the schedule."""

    def tick(self, *args, **kwargs):
        pathlib.Path(os.environ["STACKGEN_BEAT_HEARTBEAT"]).touch()
        return min(super().tick(*args, **kwargs), {{ include "shop.celery.heartbeatSeconds" . }})
