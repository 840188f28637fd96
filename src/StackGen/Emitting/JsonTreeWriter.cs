using System.Text.Json;
using System.Text.Json.Nodes;

namespace StackGen.Emitting;

/// <summary>
/// Builds the tree as a <see cref="JsonNode"/> (what apply, diff and history work on), pruned exactly as the YAML
/// is: a container joins its parent when it ends, and only if it holds something (or means something empty).
/// </summary>
public sealed class JsonTreeWriter : TreeWriter
{
    private readonly Stack<(JsonNode Node, string? Key)> _open = new();
    private string? _key;

    /// <summary>The document, once its outermost mapping has ended.</summary>
    public JsonObject? Result { get; private set; }

    public override void Key(string name) => _key = name;

    public override void StartMapping() => Start(new JsonObject());

    public override void StartSequence() => Start(new JsonArray());

    public override void EndMapping() => End();

    public override void EndSequence() => End();

    public override void Text(string? value)
    {
        if (value is null)
        {
            _key = null;
            return;
        }

        Add(JsonValue.Create(value), TakeKey());
    }

    public override void Bool(bool value) => Add(JsonValue.Create(value), TakeKey());

    public override void RawNumber(string json) => Add(JsonNode.Parse(json), TakeKey());

    // Typed numbers become JSON values directly, not text that is parsed again.
    public override void Number(long value) => Add(JsonValue.Create(value), TakeKey());

    public override void Number(double value) => Add(JsonValue.Create(value), TakeKey());

    private void Start(JsonNode node) => _open.Push((node, TakeKey()));

    private void End()
    {
        var (node, key) = _open.Pop();
        if (_open.Count == 0)
        {
            Result = node as JsonObject ?? throw new InvalidOperationException("a document is a mapping");
            return;
        }

        var empty = node switch
        {
            JsonObject mapping => mapping.Count == 0 && !MeaningfulWhenEmpty(key),
            JsonArray sequence => sequence.Count == 0,
            _ => false,
        };
        if (!empty)
        {
            Add(node, key);
        }
    }

    private string? TakeKey()
    {
        var key = _key;
        _key = null;
        return key;
    }

    private void Add(JsonNode? node, string? key)
    {
        if (_open.Count == 0)
        {
            throw new NotSupportedException("a JSON document StackGen writes is an object, not a scalar");
        }

        switch (_open.Peek().Node)
        {
            case JsonObject mapping:
                mapping[key ?? throw new JsonException("a value in a mapping needs a key")] = node;
                break;
            case JsonArray sequence:
                sequence.Add(node);
                break;
        }
    }
}
