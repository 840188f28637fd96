using System.Text;
using System.Text.Json.Nodes;

namespace StackGen.Tests.FakeKube;

/// <summary>
/// A set of field paths, shaped like <c>metadata.managedFields[].fieldsV1</c>: a trie whose keys are
/// <c>f:name</c> (a struct field or map key), <c>k:{"name":"app"}</c> (an associative-list item by its key fields)
/// or <c>v:"value"</c> (a set member). A node that is itself in the set is a member ("." in fieldsV1;
/// a leaf written as <c>{}</c>). Mutable while being built; the algebra returns new sets.
/// </summary>
internal sealed class FieldSet
{
    private SortedDictionary<string, FieldSet>? _children;

    public bool IsMember { get; set; }

    public bool IsEmpty => !IsMember && (_children is null || _children.Values.All(child => child.IsEmpty));

    public IEnumerable<KeyValuePair<string, FieldSet>> Children =>
        _children?.Where(child => !child.Value.IsEmpty) ?? [];

    public FieldSet Child(string key)
    {
        _children ??= new SortedDictionary<string, FieldSet>(StringComparer.Ordinal);
        if (!_children.TryGetValue(key, out var child))
        {
            child = new FieldSet();
            _children.Add(key, child);
        }

        return child;
    }

    public FieldSet? Find(string key) => _children is not null && _children.TryGetValue(key, out var child) && !child.IsEmpty ? child : null;

    public bool HasMember(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var key in path)
        {
            node = node.Find(key);
            if (node is null)
            {
                return false;
            }
        }

        return node.IsMember;
    }

    public FieldSet Union(FieldSet other)
    {
        var result = new FieldSet { IsMember = IsMember || other.IsMember };
        foreach (var (key, child) in Children)
        {
            result.Child(key).MergeFrom(child);
        }

        foreach (var (key, child) in other.Children)
        {
            result.Child(key).MergeFrom(child);
        }

        return result;
    }

    /// <summary>The members of this set that are not members of <paramref name="other"/>.</summary>
    public FieldSet Difference(FieldSet other)
    {
        var result = new FieldSet { IsMember = IsMember && !other.IsMember };
        foreach (var (key, child) in Children)
        {
            var theirs = other.Find(key);
            var rest = theirs is null ? child.Clone() : child.Difference(theirs);
            if (!rest.IsEmpty)
            {
                result.Child(key).MergeFrom(rest);
            }
        }

        return result;
    }

    public FieldSet Intersection(FieldSet other)
    {
        var result = new FieldSet { IsMember = IsMember && other.IsMember };
        foreach (var (key, child) in Children)
        {
            var theirs = other.Find(key);
            if (theirs is not null)
            {
                var common = child.Intersection(theirs);
                if (!common.IsEmpty)
                {
                    result.Child(key).MergeFrom(common);
                }
            }
        }

        return result;
    }

    public bool SetEquals(FieldSet other) => Difference(other).IsEmpty && other.Difference(this).IsEmpty;

    public FieldSet Clone() => new FieldSet().MergeFrom(this);

    /// <summary>Every member path, in fieldsV1 key order.</summary>
    public IEnumerable<IReadOnlyList<string>> Members() => Members([]);

    /// <summary>The set as the API server writes it into <c>fieldsV1</c>.</summary>
    public JsonObject ToFieldsV1()
    {
        var result = new JsonObject();
        var children = Children.ToList();
        if (IsMember && children.Count > 0)
        {
            result["."] = new JsonObject();
        }

        foreach (var (key, child) in children)
        {
            result[key] = child.ToFieldsV1();
        }

        return result;
    }

    public static FieldSet FromFieldsV1(JsonObject? fields)
    {
        var set = new FieldSet();
        if (fields is null)
        {
            return set;
        }

        foreach (var (key, value) in fields)
        {
            if (key == ".")
            {
                set.IsMember = true;
                continue;
            }

            var child = FromFieldsV1(value as JsonObject);
            if (value is not JsonObject { Count: > 0 })
            {
                child.IsMember = true;
            }

            set.Child(key).MergeFrom(child);
        }

        return set;
    }

    /// <summary>A path as the API server prints it in conflicts: <c>.spec.template.spec.containers[name="app"].image</c>.</summary>
    public static string Describe(IReadOnlyList<string> path)
    {
        var text = new StringBuilder();
        foreach (var key in path)
        {
            switch (key[0])
            {
                case 'f':
                    text.Append('.').Append(key.AsSpan(2));
                    break;
                case 'k':
                    var fields = JsonNode.Parse(key[2..])!.AsObject().Select(field => $"{field.Key}={field.Value?.ToJsonString() ?? "null"}");
                    text.Append('[').AppendJoin(',', fields).Append(']');
                    break;
                default:
                    text.Append("[=").Append(key.AsSpan(2)).Append(']');
                    break;
            }
        }

        return text.ToString();
    }

    private FieldSet MergeFrom(FieldSet other)
    {
        IsMember |= other.IsMember;
        foreach (var (key, child) in other.Children)
        {
            Child(key).MergeFrom(child);
        }

        return this;
    }

    private IEnumerable<IReadOnlyList<string>> Members(List<string> prefix)
    {
        if (IsMember)
        {
            yield return prefix.ToArray();
        }

        foreach (var (key, child) in Children)
        {
            prefix.Add(key);
            foreach (var member in child.Members(prefix))
            {
                yield return member;
            }

            prefix.RemoveAt(prefix.Count - 1);
        }
    }
}
