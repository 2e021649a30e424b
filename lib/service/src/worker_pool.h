// A fixed set of threads taking jobs from a bounded queue. trySubmit refuses
// (instead of blocking the event loop) when the queue is full.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kubos::service::detail {

class WorkerPool {
 public:
  WorkerPool(unsigned threads, std::size_t queueLength);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  bool trySubmit(std::function<void()> job);
  // Runs what is queued, then joins the threads. Idempotent.
  void shutdown();

 private:
  void loop();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::size_t capacity_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace kubos::service::detail
