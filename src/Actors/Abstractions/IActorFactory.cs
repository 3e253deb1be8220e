namespace Actors;

/// <summary>Hands out typed, location-transparent references to actors (Orleans' IGrainFactory).</summary>
public interface IActorFactory
{
    /// <summary>
    /// A reference to the actor of kind <typeparamref name="TActor"/> with this key. Getting a reference
    /// activates nothing; the first call does, on whichever silo owns the key.
    /// </summary>
    TActor Get<TActor>(string key) where TActor : IActor;
}
