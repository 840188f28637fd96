"""The rendered PrometheusRules: Prometheus' own promtool (Debian 12's) loads them and evaluates every alert.

usage: alert_checks.py ENV RENDER_DIR WORK_DIR

For each PrometheusRule the environment renders, `promtool check rules` reads its groups as Prometheus would load
them, then `promtool test rules` evaluates each alert's expression over synthetic series of the rendered cluster
(its namespace and Service from the expression's own matchers, its pods from the StatefulSet): a healthy cluster
fires nothing, and the failure the alert exists for makes it fire. An alert with no failure scenario here is a
failure: a new alert needs one. The series stand for what rabbitmq_prometheus exports (README, "Alerts"); each
failure scenario also scrapes every series twice (two endpoints), as a ServiceMonitor with two endpoints does.
"""

import os
import re
import subprocess
import sys

import yaml

import harness
import rendered

PROGRAM = "promtool " + (subprocess.run(["promtool", "--version"], capture_output=True, text=True).stdout.split() or ["?", "?", "?"])[2]


def matchers(expr):
    """The namespace and service an expression selects, e.g. {namespace: shop, service: rabbitmq}."""
    m = re.search(r'namespace="([^"]+)", service="([^"]+)"', expr)
    return {"namespace": m.group(1), "service": m.group(2)} if m else None


def series(name, labels, value):
    inner = ",".join('%s="%s"' % (k, v) for k, v in sorted(labels.items()))
    return {"series": "%s{%s}" % (name, inner), "values": "%sx30" % value}


def cluster(base, pods, broken=None, twice=False):
    """Input series of a healthy cluster, with one failure (`broken`) applied."""
    out = []
    endpoints = ["prometheus", "detailed"] if twice else ["prometheus"]
    for endpoint in endpoints:
        for index, pod in enumerate(pods):
            labels = dict(base, pod=pod, endpoint=endpoint)
            down = broken == "down" and index == len(pods) - 1
            minority = broken == "no-majority" and index >= len(pods) // 2
            if not (down or minority):
                out.append(series("rabbitmq_identity_info", labels, 1))
            out.append(series("rabbitmq_alarms_memory_used_watermark", labels, 1 if broken == "memory" and index == 0 else 0))
            for peer in pods:
                if peer != pod:
                    link_down = broken == "partition" and index == 0 and peer == pods[-1]
                    out.append(series("erlang_vm_dist_node_state", dict(labels, peer="rabbit@" + peer), 2 if link_down else 3))
        queue = dict(base, pod=pods[0], endpoint=endpoint, vhost="/", queue="default")
        out.append(series("rabbitmq_detailed_queue_messages_ready", queue, 5))
        out.append(series("rabbitmq_detailed_queue_consumers", queue, 0 if broken == "no-consumers" else 1))
    return out


# The failure each alert exists for.
SCENARIOS = {
    "RabbitMQNodePausedOrDown": "down",
    "RabbitMQQuorumQueuesWithoutLeader": "no-majority",
    "RabbitMQPartitioned": "partition",
    "RabbitMQMemoryAlarm": "memory",
    "RabbitMQQueueWithoutConsumers": "no-consumers",
}


def evaluate(work, rules_file, expr, inputs):
    """How many series `expr` returns at 20m over `inputs` (0 when none), by promtool's own evaluation."""
    for expected in (0, 1, 2, 3, 4, 5, 6):
        test = {
            "rule_files": [rules_file],
            "evaluation_interval": "1m",
            "tests": [{
                "interval": "1m",
                "input_series": inputs,
                "promql_expr_test": [{
                    "expr": "count(%s) or vector(0)" % expr,
                    "eval_time": "20m",
                    "exp_samples": [{"labels": "{}", "value": expected}],
                }],
            }],
        }
        path = os.path.join(work, "alert-test.yaml")
        with open(path, "w") as f:
            yaml.safe_dump(test, f)
        if subprocess.run(["promtool", "test", "rules", path], capture_output=True, text=True).returncode == 0:
            return expected
    return None


def main(env, render_dir, work):
    objects = rendered.load(render_dir)
    rules = rendered.of_kind(objects, "PrometheusRule")
    if not rules:
        harness.note("no PrometheusRule in %s" % env)
        return
    sets = rendered.of_kind(objects, "StatefulSet")
    for rule in rules:
        name = rule["metadata"]["name"]
        rules_file = os.path.join(work, "%s.rules.yaml" % name)
        with open(rules_file, "w") as f:
            yaml.safe_dump({"groups": rule["spec"]["groups"]}, f)
        check = subprocess.run(["promtool", "check", "rules", rules_file], capture_output=True, text=True)
        harness.report(check.returncode == 0, PROGRAM, "PrometheusRule/%s loads (promtool check rules)" % name, env, check.stdout + check.stderr)
        if check.returncode != 0:
            continue
        nodes = [s for s in sets if s["metadata"]["name"] == name]
        if not nodes:
            harness.report(False, PROGRAM, "PrometheusRule/%s: no StatefulSet of that name to take the pods from" % name, env)
            continue
        pods = ["%s-%d" % (name, i) for i in range(nodes[0]["spec"]["replicas"])]
        for group in rule["spec"]["groups"]:
            for alert in group["rules"]:
                title = "PrometheusRule/%s alert %s" % (name, alert["alert"])
                base = matchers(alert["expr"])
                scenario = SCENARIOS.get(alert["alert"])
                if base is None or scenario is None:
                    harness.report(False, PROGRAM, "%s: no failure scenario in alert_checks.py (or no namespace/service matchers)" % title, env)
                    continue
                quiet = evaluate(work, rules_file, alert["expr"], cluster(base, pods))
                harness.report(quiet == 0, PROGRAM, "%s is silent on a healthy cluster" % title, env, "returned %s series" % quiet)
                fired = evaluate(work, rules_file, alert["expr"], cluster(base, pods, scenario, twice=True))
                harness.report(fired is not None and fired >= 1, PROGRAM, "%s fires on %s (every series scraped twice)" % (title, scenario), env, "returned %s series" % fired)


if __name__ == "__main__":
    main(*sys.argv[1:4])
