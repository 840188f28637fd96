{{/* A short name: the chart's name, or nameOverride. */}}
{{- define "naming.short" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}
