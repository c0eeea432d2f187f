{{/*
Labels of every object. Called with (dict "root" $ "app" "<app-id>"); app
may be empty for namespace-wide objects.
*/}}
{{- define "taskrocket.labels" -}}
{{- if .app -}}
{{ include "taskrocket.selectorLabels" . }}
{{- else -}}
app.kubernetes.io/part-of: taskrocket
{{- end }}
{{- if not .root.Values.plainLabels }}
app.kubernetes.io/version: {{ include "taskrocket.tag" .root | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Selector labels of one service's pods. */}}
{{- define "taskrocket.selectorLabels" -}}
app.kubernetes.io/name: {{ .app }}
app.kubernetes.io/part-of: taskrocket
{{- end }}

{{- define "taskrocket.tag" -}}
{{- .Values.image.tag | default .Chart.AppVersion -}}
{{- end }}

{{/* Image of one service: (dict "root" $ "app" $app "svc" $svc). */}}
{{- define "taskrocket.image" -}}
{{- $repo := .app -}}
{{- with .svc.image }}{{ with .repository }}{{ $repo = . }}{{ end }}{{ end -}}
{{- with .root.Values.image.registry -}}{{ . }}/{{- end -}}
{{ $repo }}:{{ include "taskrocket.tag" .root }}
{{- end }}

{{/* Enabled services, as a sorted list of app ids. */}}
{{- define "taskrocket.apps" -}}
{{- $apps := list -}}
{{- range $app, $svc := .Values.services -}}
{{- if $svc.enabled }}{{ $apps = append $apps $app }}{{ end -}}
{{- end -}}
{{- toJson $apps -}}
{{- end }}

{{/* Istio principal of a service's account: (dict "root" $ "app" $app). */}}
{{- define "taskrocket.principal" -}}
{{ .root.Values.istio.trustDomain }}/ns/{{ .root.Release.Namespace }}/sa/{{ .app }}
{{- end }}

{{/* Dapr token Secret names. */}}
{{- define "taskrocket.appTokenSecret" -}}{{ . }}-dapr-app-token{{- end }}
{{- define "taskrocket.apiTokenSecret" -}}{{ . }}-dapr-api-token{{- end }}

{{/* A probe: (dict "p" .Values.probes.liveness). */}}
{{- define "taskrocket.probe" -}}
httpGet:
  path: {{ .p.path }}
  port: http
periodSeconds: {{ .p.periodSeconds }}
timeoutSeconds: {{ .p.timeoutSeconds }}
failureThreshold: {{ .p.failureThreshold }}
{{- end }}

{{/*
Autoscaling of one service, as JSON: defaults.autoscaling with the
service's own autoscaling block over it. (dict "root" $ "svc" $svc).
*/}}
{{- define "taskrocket.autoscaling" -}}
{{- $a := deepCopy (.root.Values.defaults.autoscaling | default dict) -}}
{{- with .svc.autoscaling }}{{ $a = mergeOverwrite $a (deepCopy .) }}{{ end -}}
{{- toJson $a -}}
{{- end }}
