using System.Reflection;
using Crm.ClusterConnection.Resilience;
using Orleans.Runtime;
using Orleans.Serialization.Invocation;

namespace ClusterConnection.Tests.Resilience;

public sealed class RetryRejectedCallsTests
{
    [Fact]
    public async Task A_call_the_cluster_rejected_is_sent_again_until_it_is_answered()
    {
        var call = FakeCall.Answering(
            Response.FromException(new SiloUnavailableException("the silo is shutting down")),
            Response.FromException(new SiloUnavailableException("the gateway left")),
            Response.FromResult("answered"));

        await new RetryRejectedCalls().Invoke(call.Context);

        Assert.Equal(3, call.Invocations);
        Assert.Equal("answered", call.Context.Response!.Result);
    }

    [Fact]
    public async Task A_call_that_may_have_run_is_not_sent_again()
    {
        var call = FakeCall.Answering(Response.FromException(new TimeoutException("no answer in 10 s")), Response.FromResult("twice"));

        await new RetryRejectedCalls().Invoke(call.Context);

        Assert.Equal(1, call.Invocations);
        Assert.IsType<TimeoutException>(call.Context.Response!.Exception);
    }

    [Fact]
    public async Task A_cluster_that_keeps_rejecting_gets_a_bounded_number_of_tries_and_the_caller_the_rejection()
    {
        var rejections = Enumerable.Range(0, 10).Select(_ => Response.FromException(new SiloUnavailableException("rejected"))).ToArray();
        var call = FakeCall.Answering(rejections);

        await Assert.ThrowsAnyAsync<OrleansMessageRejectionException>(() => new RetryRejectedCalls().Invoke(call.Context));

        Assert.Equal(RetryRejectedCalls.MaxRetries + 1, call.Invocations);
    }

    /// <summary>An outgoing call whose every Invoke() gets the next of the given responses.</summary>
    public class FakeCall : DispatchProxy
    {
        private Queue<Response> _responses = new();
        private Response? _response;

        public int Invocations { get; private set; }

        public IOutgoingGrainCallContext Context { get; private set; } = null!;

        public static FakeCall Answering(params Response[] responses)
        {
            var context = Create<IOutgoingGrainCallContext, FakeCall>();
            var call = (FakeCall)(object)context;
            call._responses = new Queue<Response>(responses);
            call.Context = context;
            return call;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod?.Name)
            {
                case nameof(IOutgoingGrainCallContext.Invoke):
                    Invocations++;
                    _response = _responses.Dequeue();
                    return Task.CompletedTask;
                case "get_Response":
                    return _response;
                case "set_Response":
                    _response = (Response?)args![0];
                    return null;
                default:
                    throw new NotSupportedException(targetMethod?.Name);
            }
        }
    }
}
