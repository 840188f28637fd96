{{/*
Names, labels and small computations shared by the templates. Label helpers take a dict:
  (dict "root" $ "stack" "rabbitmq" "component" "broker")
*/}}

{{/* The labels that select a component's pods; stable for the life of the workload. */}}
{{- define "shop.selectorLabels" -}}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/instance: {{ .stack }}-{{ .root.Values.environment }}
app.kubernetes.io/name: {{ .stack }}
{{- end }}

{{/* Every standard label, plus the chart label Helm charts conventionally carry. */}}
{{- define "shop.labels" -}}
{{ include "shop.selectorLabels" . }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: {{ .root.Values.partOf }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* metadata: name, namespace, labels. Dict: root, stack, component, name. */}}
{{- define "shop.metadata" -}}
name: {{ .name }}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- include "shop.labels" . | nindent 2 }}
{{- end }}

{{/* Prefer one pod per node; the scheduler may still co-locate them when nodes run out. */}}
{{- define "shop.spreadAcrossNodes" -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
  - podAffinityTerm:
      labelSelector:
        matchLabels:
          {{- include "shop.selectorLabels" . | nindent 10 }}
      topologyKey: kubernetes.io/hostname
    weight: 100
{{- end }}

{{/* A PodDisruptionBudget allowing one pod of the component down at a time. */}}
{{- define "shop.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  {{- include "shop.metadata" . | nindent 2 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "shop.selectorLabels" . | nindent 6 }}
{{- end }}

{{- define "shop.rabbitmq.amqpPort" -}}5672{{- end }}

{{/* Kubernetes quantity (512Mi, 4Gi, 2G, 1000) to bytes; the suffixes memory limits use. */}}
{{- define "shop.quantityBytes" -}}
{{- $q := toString . -}}
{{- $units := list (list "Ki" 1024) (list "Mi" 1048576) (list "Gi" 1073741824) (list "Ti" 1099511627776) (list "k" 1000) (list "M" 1000000) (list "G" 1000000000) (list "T" 1000000000000) -}}
{{- $bytes := "" -}}
{{- range $units -}}
{{- if and (eq $bytes "") (hasSuffix (index . 0) $q) -}}
{{- $bytes = mul (trimSuffix (index . 0) $q | int64) (index . 1) | toString -}}
{{- end -}}
{{- end -}}
{{- if eq $bytes "" }}{{ $q | int64 }}{{ else }}{{ $bytes }}{{ end -}}
{{- end }}

{{/* The node host names of the RabbitMQ cluster, in ordinal order (a list). */}}
{{- define "shop.rabbitmq.nodeHosts" -}}
{{- range $ordinal := until (int .Values.rabbitmq.replicas) }}
- rabbitmq-{{ $ordinal }}.rabbitmq-peers.{{ $.Release.Namespace }}.svc.{{ $.Values.clusterDomain }}
{{- end }}
{{- end }}

{{/* The broker credentials the Celery config module reads (it URL-quotes them), then the module's name. */}}
{{- define "shop.celery.env" -}}
- name: RABBITMQ_USERNAME
  value: {{ .Values.rabbitmq.defaultUser.username }}
- name: RABBITMQ_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.rabbitmq.defaultUser.password.name }}
      key: {{ .Values.rabbitmq.defaultUser.password.key }}
- name: CELERY_CONFIG_MODULE
  value: stackgen_celeryconfig
{{- end }}

{{/* The Celery config module, mounted as one file into the app directory (celery imports from its working directory). */}}
{{- define "shop.celery.configMount" -}}
- name: celery
  mountPath: {{ trimSuffix "/" .Values.workers.appDirectory }}/stackgen_celeryconfig.py
  readOnly: true
  subPath: stackgen_celeryconfig.py
{{- end }}

{{- define "shop.celery.configVolume" -}}
- name: celery
  configMap:
    name: workers-celery
{{- end }}

{{/* Rolls every Celery pod when the config module changes. */}}
{{- define "shop.celery.checksum" -}}
checksum/config: {{ include (print .Template.BasePath "/workers/configmap.yaml") . | sha256sum }}
{{- end }}

{{/* Tasks without a route go to the queue named "default" when there is one, else to the first. */}}
{{- define "shop.celery.defaultQueue" -}}
{{- $names := list -}}
{{- range .Values.workers.queues }}{{ $names = append $names .name }}{{ end -}}
{{- if has "default" $names }}default{{ else }}{{ first $names }}{{ end -}}
{{- end }}

{{/* The first Celery that turns global QoS off for queues it declares quorum (worker_detect_quorum_queues). */}}
{{- define "shop.celery.minimumVersion" -}}5.5.0{{- end }}

{{/* The longest beat's loop sleeps: its heartbeat file is never older than this while beat runs. */}}
{{- define "shop.celery.heartbeatSeconds" -}}30{{- end }}

{{/*
Fails the render when a version is older than a program's minimum. Dict: version (MAJOR[.MINOR[.PATCH]], or ""
when an image tag names none, which passes), minimum, program, setting, reason.
*/}}
{{- define "shop.requireVersion" -}}
{{- if and .version (not (semverCompare (printf ">=%s" .minimum) .version)) -}}
{{- fail (printf "%s: expected %s %s or later (%s), got %s" .setting .program .minimum .reason .version) -}}
{{- end -}}
{{- end }}

{{/* The version an image tag starts with (4.1.4 of rabbitmq:4.1.4-management, 3 of 3-management), or "". */}}
{{- define "shop.imageVersion" -}}
{{- $tag := "" -}}
{{- $name := splitList "@" . | first -}}
{{- if regexMatch ":[^/]+$" $name }}{{ $tag = regexFind "[^:]+$" $name }}{{ end -}}
{{- regexFind "^[0-9]+(\\.[0-9]+){0,2}" $tag -}}
{{- end }}

{{/* An exec probe true while the pod holds an established connection to the broker's AMQP port. */}}
{{- define "shop.celery.brokerConnected" -}}
exec:
  command:
  - sh
  - "-c"
  - grep -qs ' [0-9A-F]*:{{ printf "%04X" (include "shop.rabbitmq.amqpPort" . | int) }} 01 ' /proc/net/tcp /proc/net/tcp6
{{- end }}

{{/* Non-root with a numeric user and group (the kubelet cannot check a named user). Dict: user, group. */}}
{{- define "shop.podSecurityContext" -}}
fsGroup: {{ .group }}
runAsGroup: {{ .group }}
runAsNonRoot: true
runAsUser: {{ .user }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "shop.containerSecurityContext" -}}
allowPrivilegeEscalation: false
capabilities:
  drop:
  - ALL
{{- end }}

{{/* A Celery queue's Deployment and PDB name suffix: '_' and '.' written as '-'. */}}
{{- define "shop.celery.queueSlug" -}}
{{- . | replace "_" "-" | replace "." "-" | lower -}}
{{- end }}

{{/*
Beat's scheduler (the config module's HeartbeatScheduler) touches this file on every turn of its loop; one older
than 3 minutes means a hung scheduler, whichever dbm backend stores the schedule.
*/}}
{{- define "shop.celery.heartbeatFresh" -}}
exec:
  command:
  - sh
  - "-c"
  - find /var/lib/celery-beat/heartbeat -mmin -3 | grep -q .
{{- end }}

{{/*
RabbitMQ's preStop: wait until quorum queues keep a majority without this node, then move its leaders away. The
kubelet kills the container when the grace period ends, preStop included, so the timeouts leave 60 s for RabbitMQ
to stop after SIGTERM, 60 s for the drain, and 10 s for each rabbitmq-upgrade call to start.
*/}}
{{- define "shop.rabbitmq.preStop" -}}
{{- $stop := 60 -}}
{{- $drain := 60 -}}
{{- $commandStart := 10 -}}
{{- $await := sub (int .Values.rabbitmq.terminationGracePeriodSeconds) (add $stop $drain (mul 2 $commandStart)) -}}
rabbitmq-upgrade await_online_quorum_plus_one -t {{ $await }} && rabbitmq-upgrade drain -t {{ $drain }}
{{- end }}
