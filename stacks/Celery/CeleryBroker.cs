using k8s.Models;
using StackGen.Building;
using StackGen.Stacks.RabbitMq;

namespace StackGen.Stacks.Celery;

/// <summary>
/// How a Celery client (a worker, beat, the web tier sending tasks) reaches the broker: one amqp URL per RabbitMQ
/// node, joined with ';', so Celery fails over to the next node when one goes away. The list follows the
/// rabbitmq stack's replicas. The kubelet expands the credentials into the URL from the variables before it
/// ($(VAR)), so the manifest holds no secret; the kubelet does not URL-encode, so the password must be URL-safe
/// (letters, digits, '-', '_', '.', '~').
/// </summary>
public static class CeleryBroker
{
    /// <summary>Celery reads its broker URL from this variable by itself; no app code is involved.</summary>
    public const string UrlVariable = "CELERY_BROKER_URL";

    private const string UserVariable = "BROKER_USER";
    private const string PasswordVariable = "BROKER_PASSWORD";

    /// <summary>The broker variables, credentials first: the kubelet only expands variables defined earlier in the list.</summary>
    public static IEnumerable<V1EnvVar> Variables(RabbitMqOutputs broker) =>
    [
        Env.Value(UserVariable, broker.Username),
        Env.FromSecret(PasswordVariable, broker.Password),
        Env.Value(UrlVariable, Urls(broker)),
    ];

    /// <summary>amqp://$(BROKER_USER):$(BROKER_PASSWORD)@NODE:5672/VHOST for every node, ';'-separated, the vhost URL-encoded.</summary>
    public static string Urls(RabbitMqOutputs broker) => string.Join(
        ';',
        broker.NodeHosts.Select(host => $"amqp://$({UserVariable}):$({PasswordVariable})@{host}:{broker.AmqpPort}/{Uri.EscapeDataString(broker.Vhost)}"));
}
