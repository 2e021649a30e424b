#include "worker_pool.h"

#include <system_error>

namespace kubos::service::detail {

WorkerPool::WorkerPool(unsigned threads, std::size_t queueLength)
    : capacity_(queueLength), maxThreads_(threads == 0 ? 1 : threads) {
  threads_.reserve(maxThreads_);
}

WorkerPool::~WorkerPool() { shutdown(); }

bool WorkerPool::trySubmit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= capacity_) return false;
    // A job waiting behind busy threads gets a new one (up to the maximum).
    if (idle_ <= queue_.size() && threads_.size() < maxThreads_) {
      try {
        threads_.emplace_back([this] { loop(); });
      } catch (const std::system_error&) {
        if (threads_.empty()) return false;  // no thread to run it: refused (503)
      }
    }
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

std::size_t WorkerPool::threadCount() {
  std::lock_guard lock(mutex_);
  return threads_.size();
}

void WorkerPool::shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;  // no thread starts after this
    threads.swap(threads_);
  }
  wake_.notify_all();
  for (auto& t : threads)
    if (t.joinable()) t.join();
}

void WorkerPool::loop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      ++idle_;
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      --idle_;
      if (queue_.empty()) return;  // stopping and drained
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job();
  }
}

}  // namespace kubos::service::detail
