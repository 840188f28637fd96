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

{{/*
One amqp URL per RabbitMQ node, ';'-separated, so Celery fails over to the next node. The kubelet expands
the credentials from the variables before it.
*/}}
{{- define "shop.celery.brokerUrls" -}}
{{- $urls := list -}}
{{- $vhost := .Values.rabbitmq.vhost | urlquery -}}
{{- range $host := include "shop.rabbitmq.nodeHosts" . | fromYamlArray -}}
{{- $urls = append $urls (printf "amqp://$(BROKER_USER):$(BROKER_PASSWORD)@%s:%s/%s" $host (include "shop.rabbitmq.amqpPort" $) $vhost) -}}
{{- end -}}
{{- join ";" $urls -}}
{{- end }}

{{/* The broker variables, credentials first: the kubelet only expands variables defined earlier in the list. */}}
{{- define "shop.celery.brokerEnv" -}}
- name: BROKER_USER
  value: {{ .Values.rabbitmq.defaultUser.username }}
- name: BROKER_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.rabbitmq.defaultUser.password.name }}
      key: {{ .Values.rabbitmq.defaultUser.password.key }}
- name: CELERY_BROKER_URL
  value: {{ include "shop.celery.brokerUrls" . }}
{{- end }}

{{/* An exec probe true while the pod holds an established connection to the broker's AMQP port. */}}
{{- define "shop.celery.brokerConnected" -}}
exec:
  command:
  - sh
  - "-c"
  - grep -qs ' [0-9A-F]*:{{ printf "%04X" (include "shop.rabbitmq.amqpPort" . | int) }} 01 ' /proc/net/tcp /proc/net/tcp6
{{- end }}

{{- define "shop.podSecurityContext" -}}
runAsNonRoot: true
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

{{/* Beat syncs its schedule file every 3 minutes; a file older than 10 minutes means a hung scheduler. */}}
{{- define "shop.celery.scheduleSynced" -}}
exec:
  command:
  - sh
  - "-c"
  - find /var/lib/celery-beat -name 'celerybeat-schedule*' -mmin -10 | grep -q .
{{- end }}
