using System.Text.RegularExpressions;
using k8s.Models;
using StackGen.Building;
using StackGen.Tests.Support;

namespace StackGen.Tests.Rendering;

/// <summary>
/// Jobs from Jobs.RunOnce are named NAME-HASH after their spec (after config checksums): the same inputs give the same
/// name, anything of the immutable pod template that changes gives another.
/// </summary>
public sealed partial class ContentNameTests
{
    private static readonly string[] Producer = ["workers.producer.enabled=true"];

    [Fact]
    public void The_producer_job_is_named_after_its_content_the_same_on_every_render()
    {
        var first = ProducerJob("dev", Producer);
        var second = ProducerJob("dev", Producer);

        Assert.Matches(HashedName(), first.Metadata.Name);
        Assert.Equal(first.Metadata.Name, second.Metadata.Name);
        Assert.Equal("workers-producer", first.Metadata.Annotations[Jobs.RunsOfAnnotation]);
    }

    [Theory]
    [InlineData("workers.image=registry.example.com/shop/app:9.9.9")]
    [InlineData("workers.producer.task=shop.tasks.other")]
    [InlineData("workers.producer.queue=emails")]
    // The Celery module the Job mounts changes with the broker's node count: its checksum is part of the template.
    [InlineData("rabbitmq.replicas=5")]
    public void A_change_to_what_the_job_runs_gives_a_new_name(string set)
    {
        var before = ProducerJob("staging", Producer).Metadata.Name;
        var after = ProducerJob("staging", [.. Producer, set]).Metadata.Name;

        Assert.NotEqual(before, after);
        Assert.StartsWith("workers-producer-", after, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_beside_the_spec_keeps_the_name()
    {
        var before = ProducerJob("staging", Producer).Metadata.Name;
        var after = ProducerJob("staging", [.. Producer, "workers.beat.enabled=true"]).Metadata.Name;

        Assert.Equal(before, after);
    }

    private static V1Job ProducerJob(string environment, string[] sets) =>
        (V1Job)Renders.Render(environment, sets).Objects.Single(o => o.Kind == "Job" && o.Stack == "workers").Resource;

    [GeneratedRegex("^workers-producer-[0-9a-f]{10}$")]
    private static partial Regex HashedName();
}
