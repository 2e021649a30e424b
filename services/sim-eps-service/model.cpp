#include "model.h"

#include <cstdio>

namespace kubos::sim_eps_service {

namespace {
std::string hexId(std::uint8_t id) {
  char b[8];
  std::snprintf(b, sizeof b, "0x%02x", id);
  return b;
}
}  // namespace

EpsModel::EpsModel(std::unique_ptr<Transport> transport, std::chrono::milliseconds timeout)
    : transport_(std::move(transport)), timeout_(timeout) {
  // Distinct nonces across service restarts, so a stale echo from a previous
  // run can never pass for a fresh one.
  nonce_ = static_cast<std::uint32_t>(kubos::hal::Clock::now().time_since_epoch().count());
}

std::string EpsModel::deviceName() const { return transport_->describe(); }

EpsModel::Attempt EpsModel::attempt(std::uint8_t id, const Bytes& payload, kubos::sim_eps::Frame& reply) {
  // Bytes left over from an earlier, timed-out exchange must not be taken
  // for this command's answer.
  transport_->flush();
  const auto deadline = kubos::hal::Clock::now() + timeout_;
  const Bytes frame = kubos::sim_eps::encodeFrame(id, payload);
  kubos::hal::IoResult w = transport_->write(frame, deadline);
  if (!w.ok()) {
    if (w.status == kubos::hal::IoStatus::Disconnected) return {"device " + deviceName() + " went away: " + w.message, true};
    return {"cannot send to device " + deviceName() + ": " + w.message};
  }
  kubos::sim_eps::FrameDecoder decoder;
  std::uint8_t buf[64];
  std::size_t received = 0;  // bytes of this answer so far: a timeout after some is not silence
  for (;;) {
    kubos::hal::IoResult r = transport_->readSome(buf, deadline);
    if (!r.ok()) {
      if (r.status == kubos::hal::IoStatus::Timeout) {
        const std::string within = " within " + std::to_string(timeout_.count()) + " ms";
        if (received == 0) return {"device " + deviceName() + " did not answer" + within};
        if (decoder.midFrame())
          return {"reply from device " + deviceName() + " was cut off: " + std::to_string(received) +
                  " bytes and no complete frame" + within};
        return {"device " + deviceName() + " answered garbage: " + std::to_string(received) +
                " bytes without a frame" + within};
      }
      if (r.status == kubos::hal::IoStatus::Disconnected) return {"device " + deviceName() + " went away: " + r.message, true};
      return {"cannot read from device " + deviceName() + ": " + r.message};
    }
    received += r.bytes;
    for (std::size_t i = 0; i < r.bytes; ++i) {
      auto ev = decoder.push(buf[i]);
      if (!ev) continue;
      if (ev->kind == kubos::sim_eps::FrameDecoder::Event::Kind::BadChecksum) {
        return {"reply from device " + deviceName() + " had a bad checksum", false, true};
      }
      reply = std::move(ev->frame);
      return {};
    }
  }
}

kubos::sim_eps::Frame EpsModel::transact(std::uint8_t id, const Bytes& payload) {
  std::lock_guard lock(mutex_);
  std::string lastError;
  // Two tries: a dead descriptor after a replug, or one corrupted reply, is
  // healed transparently; anything else is reported at once.
  for (int tries = 0; tries < 2; ++tries) {
    if (!transport_->isOpen()) {
      kubos::hal::IoResult o = transport_->open();
      if (!o.ok()) throw DeviceError("device not available: " + o.message);
    }
    kubos::sim_eps::Frame reply;
    Attempt a = attempt(id, payload, reply);
    if (a.error.empty()) {
      // The board NAKs a command whose bytes were corrupted on the way.
      const bool lineNoise = reply.id == kubos::sim_eps::kNak && reply.payload.size() == 2 &&
                             reply.payload[1] == static_cast<std::uint8_t>(kubos::sim_eps::NakReason::BadChecksum);
      if (!lineNoise || tries == 1) return reply;
      lastError = "device " + deviceName() + " kept receiving corrupted commands";
      continue;
    }
    lastError = a.error;
    if (a.reconnect) {
      transport_->close();
      continue;
    }
    if (!a.retry) break;
  }
  throw DeviceError(lastError);
}

kubos::sim_eps::Frame EpsModel::expect(std::uint8_t id, const Bytes& payload, const char* what) {
  kubos::sim_eps::Frame reply = transact(id, payload);
  if (reply.id == kubos::sim_eps::kNak) {
    const std::uint8_t reason = reply.payload.size() == 2 ? reply.payload[1] : 0;
    throw DeviceError(std::string("device refused ") + what + ": " + std::string(kubos::sim_eps::nakReasonText(reason)));
  }
  if (reply.id != (id | kubos::sim_eps::kReplyFlag)) {
    throw DeviceError(std::string("unexpected reply ") + hexId(reply.id) + " from device to " + what);
  }
  return reply;
}

bool EpsModel::noop() {
  const std::uint32_t n = ++nonce_;
  const Bytes probe{static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
                    static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n), 'n', 'o', 'o', 'p'};
  kubos::sim_eps::Frame reply = transact(kubos::sim_eps::kPing, probe);
  return reply.id == (kubos::sim_eps::kPing | kubos::sim_eps::kReplyFlag) && reply.payload == probe;
}

EpsTelemetry EpsModel::telemetry() {
  kubos::sim_eps::Frame reply = expect(kubos::sim_eps::kGetTelemetry, {}, "GET_TELEMETRY");
  auto t = kubos::sim_eps::decodeTelemetry(reply.payload);
  if (!t) {
    throw DeviceError("malformed telemetry from device " + deviceName() + " (" +
                      std::to_string(reply.payload.size()) + " bytes)");
  }
  EpsTelemetry out;
  out.batteryVoltage = t->batteryMillivolts / 1000.0;
  out.batteryCurrent = t->batteryMilliamps / 1000.0;
  out.temperature = t->centiCelsius / 100.0;
  out.uptime = t->uptimeSeconds;
  out.powerState = t->state;
  out.resetCount = t->resetCount;
  out.batteryCharge = t->batteryPercent;
  return out;
}

PowerStatus EpsModel::power() {
  EpsTelemetry t = telemetry();
  return {t.powerState, t.uptime};
}

PowerStatus EpsModel::controlPower(PowerState target) {
  const Bytes arg{kubos::sim_eps::powerStateByte(target)};
  kubos::sim_eps::Frame reply = expect(kubos::sim_eps::kSetPower, arg, "SET_POWER");
  if (reply.payload.size() != 1 || !kubos::sim_eps::powerStateFromByte(reply.payload[0])) {
    throw DeviceError("malformed SET_POWER reply from device " + deviceName());
  }
  return power();
}

Bytes EpsModel::commandRaw(const Bytes& command) {
  if (command.empty()) throw DeviceError("command is empty");
  if (command.size() > kubos::sim_eps::kMaxPayload) {
    throw DeviceError("command is " + std::to_string(command.size()) + " bytes; the device takes at most " +
                      std::to_string(kubos::sim_eps::kMaxPayload));
  }
  return expect(kubos::sim_eps::kRaw, command, "RAW command").payload;
}

}  // namespace kubos::sim_eps_service
