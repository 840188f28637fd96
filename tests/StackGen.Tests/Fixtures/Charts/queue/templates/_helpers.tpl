{{/* The name every object of the release is called by. */}}
{{- define "queue.fullname" -}}
{{- printf "%s-%s" .Release.Name (include "naming.short" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "queue.labels" -}}
app.kubernetes.io/name: queue
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- with .Values.podLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}
