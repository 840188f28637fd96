using StackGen.Layering;
using StackGen.Settings;

namespace StackGen.Validation.Rules;

/// <summary>SG2007: images are pinned: a tag other than latest (errors in production), a digest preferred.</summary>
public sealed class PinnedImages : Rule
{
    public override string Id => "SG2007";

    public override string Title => "Images are pinned (no latest, no missing tag; a digest preferred)";

    public override string Explanation =>
        "An image without a tag means :latest, and :latest (like any moving tag) makes two renders of the same commit " +
        "run different code: a node that pulls later gets a newer image, a rollback does not roll back. In production " +
        "every image needs a fixed tag; a digest (@sha256:...) is better still, since even a version tag can be re-pushed.";

    public override string Fix => "Set the stack's image to repository:version, ideally repository:version@sha256:<digest>.";

    public override Severity SeverityFor(Tier tier) => tier == Tier.Production ? Severity.Error : Severity.Warning;

    public override IEnumerable<Violation> Check(LintContext context)
    {
        foreach (var workload in context.Workloads)
        {
            foreach (var image in workload.AllContainers.Select(c => c.Image).OfType<string>().Distinct())
            {
                if (!ImageRef.TryParse(image, out var reference) || !reference.IsPinned)
                {
                    yield return new Violation(workload.Rendered, $"image {image} is not pinned to a version", "image");
                }
            }
        }
    }
}
