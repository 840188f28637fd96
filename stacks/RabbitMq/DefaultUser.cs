using StackGen.Settings;

namespace StackGen.Stacks.RabbitMq;

/// <summary>The user RabbitMQ creates on first boot; clients (Celery) connect as this user.</summary>
public sealed record DefaultUser
{
    public string Username { get; init; } = "app";

    public SecretRef Password { get; init; } = new("rabbitmq-default-user", "password");
}
