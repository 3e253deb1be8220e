using System.Buffers;
using Actors.Invocation;
using Actors.Serialization;
using Actors.Tests.Fixtures;

namespace Actors.Tests.Serialization;

/// <summary>The generated proxy turns a call into a request; its serializer and invoker rebuild the same call on the other side.</summary>
public sealed class GeneratedCodeTests
{
    private sealed class CapturingCaller : IActorCaller
    {
        public ActorRequest? Last { get; private set; }

        public ActorId Target { get; private set; }

        public Task<object?> CallAsync(ActorId target, ActorRequest request, CancellationToken cancellationToken)
        {
            Target = target;
            Last = request;
            return Task.FromResult<object?>(null);
        }
    }

    private static (IEchoActor Proxy, CapturingCaller Caller) Proxy(string key)
    {
        var info = ActorInterfaceRegistry.Get(typeof(IEchoActor));
        var caller = new CapturingCaller();
        return ((IEchoActor)info.CreateProxy(new ActorReference(new ActorId(info.Kind, key), caller)), caller);
    }

    /// <summary>Serializes the captured request, reads it back with the invoker, and runs it on a real actor.</summary>
    private static async Task<object?> ShipAndInvoke(ActorRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        request.WriteArguments(new WireWriter(buffer));
        var rebuilt = ActorInterfaceRegistry.Get(typeof(IEchoActor)).Invoker.ReadRequest(request.MethodId, new WireReader(buffer.WrittenMemory));
        var result = await rebuilt.InvokeAsync(new EchoActor());
        var resultBuffer = new ArrayBufferWriter<byte>();
        rebuilt.WriteResult(new WireWriter(resultBuffer), result);
        return request.ReadResult(new WireReader(resultBuffer.WrittenMemory));
    }

    [Fact]
    public void The_kind_is_the_interface_full_name_and_the_key_is_kept()
    {
        var (proxy, caller) = Proxy("tenant-1/c-9");
        _ = proxy.PingAsync();
        Assert.Equal(new ActorId("Actors.Tests.Fixtures.IEchoActor", "tenant-1/c-9"), caller.Target);
        Assert.Equal("PingAsync", caller.Last!.MethodName);
    }

    [Fact]
    public async Task A_record_graph_survives_the_wire()
    {
        var (proxy, caller) = Proxy("k");
        var profile = new Profile("Ada", 36, Level.High, new Address("1 Loop", null), ["a", "b"],
            new Dictionary<string, decimal> { ["x"] = 1.5m }, Guid.NewGuid(), DateTimeOffset.UtcNow, null) { Note = "init-only" };
        _ = proxy.EchoProfileAsync(profile);

        var back = (Profile?)await ShipAndInvoke(caller.Last!);

        Assert.NotNull(back);
        Assert.Equal(profile.Name, back.Name);
        Assert.Equal(profile.Age, back.Age);
        Assert.Equal(profile.Level, back.Level);
        Assert.Equal(profile.Home, back.Home);
        Assert.Equal(profile.Tags, back.Tags);
        Assert.Equal(profile.Scores, back.Scores);
        Assert.Equal(profile.Id, back.Id);
        Assert.Equal(profile.At, back.At);
        Assert.Null(back.Optional);
        Assert.Equal("init-only", back.Note);
    }

    [Fact]
    public async Task Nulls_and_settable_classes_survive_the_wire()
    {
        var (proxy, caller) = Proxy("k");
        _ = proxy.EchoProfileAsync(null);
        Assert.Null(await ShipAndInvoke(caller.Last!));

        _ = proxy.EchoSettableAsync(new Settable { Name = "n", Values = [3, 1, 2] });
        var settable = (Settable)(await ShipAndInvoke(caller.Last!))!;
        Assert.Equal("n", settable.Name);
        Assert.Equal(new List<int> { 3, 1, 2 }, settable.Values);
    }

    [Fact]
    public async Task ValueTask_methods_and_cancellation_tokens_are_supported()
    {
        var (proxy, caller) = Proxy("k");
        _ = proxy.EchoArrayAsync([7, 8, 9], CancellationToken.None);
        var echoed = (int[])(await ShipAndInvoke(caller.Last!))!;
        Assert.Equal(new[] { 7, 8, 9 }, echoed);
    }

    [Fact]
    public void Read_only_methods_are_flagged_for_interleaving()
    {
        var info = ActorInterfaceRegistry.Get(typeof(ICounterActor));
        var caller = new CapturingCaller();
        var proxy = (ICounterActor)info.CreateProxy(new ActorReference(new ActorId(info.Kind, "k"), caller));
        _ = proxy.GetAsync();
        Assert.Equal(CallFlags.ReadOnly, caller.Last!.Flags);
        _ = proxy.IncrementAsync();
        Assert.Equal(CallFlags.None, caller.Last!.Flags);
        var cycle = (ICycleActor)ActorInterfaceRegistry.Get(typeof(ICycleActor)).CreateProxy(new ActorReference(new ActorId("c", "k"), caller));
        _ = cycle.InterleavedCallBackAsync("x");
        Assert.Equal(CallFlags.AlwaysInterleave, caller.Last!.Flags);
    }

    [Fact]
    public void An_unknown_method_id_is_a_clear_version_mismatch_error()
    {
        var invoker = ActorInterfaceRegistry.Get(typeof(IEchoActor)).Invoker;
        var error = Assert.Throws<WireFormatException>(() => invoker.ReadRequest(99, new WireReader(Array.Empty<byte>())));
        Assert.Contains("different versions", error.Message);
    }

    [Fact]
    public void A_type_that_is_not_an_actor_interface_is_rejected_clearly()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ActorInterfaceRegistry.Get(typeof(IDisposable)));
        Assert.Contains("no generated proxy", error.Message);
    }
}
