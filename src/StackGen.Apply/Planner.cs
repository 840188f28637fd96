using System.Net;
using System.Text.Json.Nodes;
using StackGen.Apply.Diffing;
using StackGen.Apply.History;
using StackGen.Apply.Kube;
using StackGen.Apply.Manifests;
using StackGen.Apply.Sets;
using StackGen.Apply.Waiting;
using StackGen.Objects;

namespace StackGen.Apply;

/// <summary>
/// Finds what an apply would change with server-side dry runs: each object is dry-run applied and compared
/// with its live self, and each set's live members are listed to find what left the render. Read-only
/// (dry-run requests persist nothing), so `diff`, `apply --dry-run` and apply's no-change check share it.
/// A custom resource whose kind the cluster does not serve yet, but a CustomResourceDefinition of the render
/// defines, cannot be dry-run: it is planned as a creation that awaits its definition (apply establishes the
/// definition, then plans again). One whose kind nothing defines stops the apply before anything is written.
/// A Helm hook runs only on the events it names: "install" while the stack has no revision (no apply of it has
/// succeeded yet), "upgrade" once it has one; a hook that does not run now (or at all, <paramref name="runHooks"/> false
/// for rollback) is left out of the plan, and not pruned either.
/// </summary>
public sealed class Planner(ResourceClient client, string environment, string ns, bool runHooks = true)
{
    public async Task<Plan> PlanAsync(IReadOnlyList<StackManifest> stacks, bool force, CancellationToken cancel)
    {
        var plans = new List<StackPlan>();
        var conflicts = new List<(ObjectRef, FieldConflict)>();
        var errors = new List<string>();
        var definitions = RenderedDefinitions.Of(stacks.SelectMany(s => s.Objects));
        if (!await new TargetNamespace(client, ns).ExistsAsync(stacks, cancel).ConfigureAwait(false))
        {
            // Every object, the set's parent and the lock would fail on it: one clear line instead of dozens.
            return new Plan([], [], [$"namespace {ns} does not exist; create it once (kubectl create namespace {ns}) or pass --namespace"]);
        }

        foreach (var manifest in stacks)
        {
            var set = new ApplySet(environment, manifest.Stack, ns);
            var parent = await client.GetAsync(set.Parent, cancel).ConfigureAwait(false);
            if (parent is not null && (string?)parent["metadata"]?["annotations"]?[ApplySet.EnvironmentAnnotation] is { } owner && owner != environment)
            {
                errors.Add($"{set.Parent}: stack {manifest.Stack} in this namespace belongs to environment {owner}, not {environment}; two environments may not share a namespace");
                continue;
            }

            var history = await new HistoryStore(client, set).ListAsync(cancel).ConfigureAwait(false);
            var latest = history.Count > 0 ? history[^1] : null;
            var changes = new List<ObjectChange>();
            var held = new List<ObjectRef>();
            foreach (var item in manifest.Objects)
            {
                var desired = set.Member(item);
                var reference = ObjectRef.Of(desired);
                var hook = Hook.Of(desired);
                if (hook is not null && !(runHooks && hook.RunsOn(install: latest is null)))
                {
                    held.Add(reference);
                    continue;
                }

                var served = await client.Types.TryResolveAsync(reference.ApiVersion, reference.Kind, cancel).ConfigureAwait(false);
                var type = served ?? definitions.Find(reference.ApiVersion, reference.Kind);
                if (type is null)
                {
                    errors.Add($"{reference} (stack {manifest.Stack}): the cluster does not serve kind {reference.Kind} in {reference.ApiVersion} and no CustomResourceDefinition in the render defines it; install its CustomResourceDefinition (or render it with a stack) and apply again");
                    changes.Add(new ObjectChange(manifest.Stack, reference, desired, null, null, ChangeKind.Update));
                    continue;
                }

                // A custom kind's scope is its definition's: a cluster-scoped object carries no namespace, whatever the render put there.
                if (!type.Namespaced && reference.Namespace is not null)
                {
                    (desired["metadata"] as JsonObject)?.Remove("namespace");
                    reference = reference with { Namespace = null };
                }

                if (served is null)
                {
                    changes.Add(new ObjectChange(manifest.Stack, reference, desired, null, null, ChangeKind.Create) { AwaitsDefinition = true });
                    continue;
                }

                try
                {
                    var dryRun = await client.ApplyAsync(desired, dryRun: true, force, cancel).ConfigureAwait(false);
                    var live = await client.GetAsync(reference, cancel).ConfigureAwait(false);
                    var failedBefore = live is not null && hook?.DeletesWhen(Hook.BeforeHookCreation) == true && Health.Evaluate(live).State == HealthState.Failed;
                    changes.Add(new ObjectChange(manifest.Stack, reference, desired, live, dryRun, failedBefore ? ChangeKind.Update : ObjectChange.Compare(live, dryRun))
                    {
                        Dropped = ResourceTypes.Builtin(reference.ApiVersion, reference.Kind) is null ? DroppedFields.Find(desired, dryRun) : [],
                        Hook = hook,
                        Recreate = failedBefore,
                    });
                }
                catch (KubeApiException e) when (e.Status == HttpStatusCode.UnprocessableEntity && hook?.DeletesWhen(Hook.BeforeHookCreation) == true)
                {
                    // A hook whose new content the server refuses to patch onto the old (a Job's template is immutable):
                    // as Helm does, the old one is deleted before the new one is created.
                    var live = await client.GetAsync(reference, cancel).ConfigureAwait(false);
                    if (live is null)
                    {
                        errors.Add($"{reference.Display} (stack {manifest.Stack}): {e.Message}");
                    }

                    changes.Add(new ObjectChange(manifest.Stack, reference, desired, live, null, ChangeKind.Update) { Hook = hook, Recreate = live is not null });
                }
                catch (KubeApiException e) when (e.Conflicts.Count > 0)
                {
                    conflicts.AddRange(e.Conflicts.Select(c => (reference, c)));
                    changes.Add(new ObjectChange(manifest.Stack, reference, desired, null, null, ChangeKind.Update));
                }
                catch (KubeApiException e) when (e.Status is not null && !RetryPolicy.IsTransient(e.Status.Value))
                {
                    errors.Add($"{reference.Display} (stack {manifest.Stack}): {e.Message}");
                    changes.Add(new ObjectChange(manifest.Stack, reference, desired, null, null, ChangeKind.Update));
                }
            }

            var (liveKinds, liveNamespaces) = ApplySet.Describe(parent);
            var members = await LiveMembers.ListAsync(
                client,
                set,
                liveKinds.Concat(changes.Select(c => GroupKind.Of(c.Item))),
                liveNamespaces.Concat(changes.Select(c => c.Item.Namespace).OfType<string>()),
                definitions,
                errors,
                cancel).ConfigureAwait(false);
            var prune = EarlierRuns.Keep(PruneSelection.Select(set.Id, members, changes.Select(c => c.Item).Concat(held)), members, manifest.Objects);
            plans.Add(new StackPlan(set, manifest, changes, prune, parent, liveKinds, liveNamespaces, latest) { Held = held });
        }

        return new Plan(plans, conflicts, errors);
    }
}
