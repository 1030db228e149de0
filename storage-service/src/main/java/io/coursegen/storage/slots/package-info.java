/**
 * Counting semaphores per tenant that hold across every storage instance: a limit such as "two exports streaming at
 * once per tenant" counted in one instance's memory would let N instances stream 2N. Each kind of limit has up to
 * {@code limit} slot documents per tenant in MongoDB ({@code _id} {@code <kind>:<tenant>:<i>}); a slot is taken by
 * one conditional upsert (free or its lease expired), renewed while it is held and deleted when it is given back,
 * so a crashed instance's slots come back once their lease runs out instead of leaking forever. The limit is read on
 * every take: slots at or above a lowered limit are simply no longer offered. Gateways take, renew and give back
 * slots of the kinds they limit (progress streams) through {@code /internal/v1/slots} ({@link
 * io.coursegen.storage.slots.SlotController}), so their limits hold across gateway instances too.
 */
package io.coursegen.storage.slots;
